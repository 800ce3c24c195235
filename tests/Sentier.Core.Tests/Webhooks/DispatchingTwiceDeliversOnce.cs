using Azure.Data.Tables;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A record dispatched twice (a pass that died after enqueueing, before retiring it; two instances
/// at once) makes the same events with the same ids, one delivery per event and subscription, and
/// each <c>webhook-id</c> reaches the receiver once.
/// </summary>
public sealed class DispatchingTwiceDeliversOnce
{
    [Fact]
    public async Task ARecordDispatchedAgainAfterACrashMakesNoSecondDelivery()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var h = await DispatchHarness.CreateAsync();
        var (first, _) = await h.SubscribeAsync(receiver.Url);
        var (second, _) = await h.SubscribeAsync(receiver.Url, "contact_created", "contact_added_to_group");
        var group = await h.Contacts.NewGroupAsync("Newsletter");
        await h.Contacts.ImportAsync(group.Id, Enumerable.Range(0, 3).Select(i => new { email = $"row{i}@example.com" }));
        var records = await h.RecordsAsync();

        await h.Dispatcher.PassAsync(h.AccountId, null, CancellationToken.None);
        var once = await IdsAsync(h, first, second);
        foreach (var record in records)
        {
            // The pass that enqueued these died before retiring them.
            await h.Contacts.Table.DeleteEntityAsync(h.AccountId, Sentier.Core.Contacts.ContactKeys.Dispatched(record.RowKey));
            await h.Contacts.Table.AddEntityAsync(new TableEntity(record));
        }

        await h.NewDispatcher().PassAsync(h.AccountId, null, CancellationToken.None);

        Assert.Equal(once, await IdsAsync(h, first, second));
        Assert.Equal(3 * 3, once[first.Id].Count);
        Assert.Equal(3 * 2, once[second.Id].Count);
        Assert.Empty(await h.RecordsAsync());
        await h.Deliveries.RunUntilIdleAsync(100);
        var received = DispatchHarness.ByWebhookId(receiver);
        Assert.Equal(15, received.Count);
        Assert.All(received, copies => Assert.Single(copies));
    }

    [Fact]
    public async Task TwoInstancesDispatchingAtOnceMakeOneDeliveryPerSubscription()
    {
        var h = await DispatchHarness.CreateAsync();
        var (subscription, _) = await h.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        for (var i = 0; i < 5; i++)
        {
            await h.Contacts.UpsertAsync($$"""{"email":"c{{i}}@example.com"}""");
        }

        await Task.WhenAll(
            h.Dispatcher.PassAsync(h.AccountId, null, CancellationToken.None),
            h.NewDispatcher().PassAsync(h.AccountId, null, CancellationToken.None));

        var deliveries = await h.DeliveriesOfAsync(subscription);
        Assert.Equal(10, deliveries.Count);
        Assert.Equal(10, deliveries.Select(delivery => delivery.EventId).Distinct().Count());
        Assert.Empty(await h.RecordsAsync());
        Assert.Equal(5, (await h.TombstonesAsync()).Count);
    }

    [Fact]
    public async Task APassThatFindsDeliveriesJustEnqueuedSendsNoSecondMessageAndKeepsTheirRecords()
    {
        var h = await DispatchHarness.CreateAsync();
        var (subscription, _) = await h.SubscribeAsync(LoopbackReceiver.ClosedUrl(), "contact_created");
        for (var i = 0; i < 5; i++)
        {
            await h.Contacts.UpsertAsync($$"""{"email":"c{{i}}@example.com"}""");
        }

        var records = await h.RecordsAsync();
        await h.Dispatcher.PassAsync(h.AccountId, null, CancellationToken.None);
        foreach (var record in records)
        {
            // Another instance read these before the first pass retired them.
            await h.Contacts.Table.DeleteEntityAsync(h.AccountId, Sentier.Core.Contacts.ContactKeys.Dispatched(record.RowKey));
            await h.Contacts.Table.AddEntityAsync(new TableEntity(record));
        }

        h.Contacts.Time.Advance(TimeSpan.FromSeconds(1));
        await h.NewDispatcher().PassAsync(h.AccountId, null, CancellationToken.None);

        // The first pass's one message naming all five, no second: a second copy of a first message could be sent by two instances at once.
        Assert.Equal(5, (await h.DeliveriesOfAsync(subscription)).Count);
        var message = Assert.Single((await h.Deliveries.Queue.Queue.PeekMessagesAsync(32)).Value);
        Assert.Equal(5, WebhookDeliveryQueue.Read(message.Body).Batch?.Count);

        // Whether those messages were sent or lost between row and message, only a later pass can tell.
        Assert.Equal(5, (await h.RecordsAsync()).Count);
    }

    /// <summary>Per subscription, the event id and <c>webhook-id</c> of each delivery.</summary>
    private static async Task<Dictionary<long, List<string>>> IdsAsync(DispatchHarness h, params WebhookSubscription[] subscriptions)
    {
        var ids = new Dictionary<long, List<string>>();
        foreach (var subscription in subscriptions)
        {
            ids[subscription.Id] = [.. (await h.DeliveriesOfAsync(subscription)).Select(delivery => $"{delivery.Id} {delivery.EventId} {delivery.MessageId}").Order(StringComparer.Ordinal)];
        }

        return ids;
    }
}
