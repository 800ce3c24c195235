using Azure.Data.Tables;
using Sentier.Core.Contacts;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A delivery whose message was lost (a failure between its row and its message) does not stay
/// pending forever: a pass that dispatches its record again, or a redeliver, starts a new series
/// once it is <see cref="WebhookDeliveryService.MessageLostAfter"/> past due, message first with a
/// fresh token, so a first message that was only late is dropped and the receiver hears once.
/// </summary>
public sealed class LostFirstMessagesAreSentAgain
{
    [Fact]
    public async Task ARecordDispatchedAgainResendsDeliveriesLongPastDue()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var h = await DispatchHarness.CreateAsync();
        var (subscription, _) = await h.SubscribeAsync(receiver.Url, "contact_created");
        await h.Contacts.UpsertAsync("""{"email":"lost@example.com"}""");
        var records = await h.RecordsAsync();
        await h.Dispatcher.PassAsync(h.AccountId, null, CancellationToken.None);
        var late = await h.Deliveries.TakeAsync();
        var delivery = Assert.Single(await h.DeliveriesOfAsync(subscription));
        var longAgo = h.Deliveries.Clock.GetUtcNow() - WebhookDeliveryService.MessageLostAfter - TimeSpan.FromSeconds(1);
        await h.Deliveries.Store.TryReplaceAsync(delivery with { Created = longAgo, Updated = longAgo, NextAttemptAt = longAgo }, CancellationToken.None);
        foreach (var record in records)
        {
            await h.Contacts.Table.DeleteEntityAsync(h.AccountId, ContactKeys.Dispatched(record.RowKey));
            await h.Contacts.Table.AddEntityAsync(new TableEntity(record));
        }

        h.Contacts.Time.Advance(TimeSpan.FromSeconds(1));
        await h.NewDispatcher().PassAsync(h.AccountId, null, CancellationToken.None);

        Assert.Empty(await h.RecordsAsync());
        Assert.Equal(2, (await h.Deliveries.ReadAsync(delivery)).Sequence);
        await h.Deliveries.Step.ProcessAsync(late!.Value.Message, null, CancellationToken.None);
        await h.Deliveries.RunUntilIdleAsync();
        Assert.Single(receiver.Requests);
        Assert.Equal(DeliveryStatus.Delivered, (await h.Deliveries.ReadAsync(delivery)).Status);
    }

    [Fact]
    public async Task RedeliverTakesAPendingDeliveryLongPastDue()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync(fakeClock: true);
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var id = WebhookHarness.Id(subscription.Id);

        harness.Webhooks.Time.Advance(WebhookDeliveryService.MessageLostAfter);
        await Assert.ThrowsAsync<Sentier.Core.Common.ConflictException>(() =>
            harness.Service.RedeliverAsync(harness.AccountId, id, delivery.Id, CancellationToken.None));
        harness.Webhooks.Time.Advance(TimeSpan.FromSeconds(1));
        var redelivered = await harness.Service.RedeliverAsync(harness.AccountId, id, delivery.Id, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Pending, 2), (redelivered.Status, redelivered.Sequence));
        Assert.Equal(2, await harness.RunUntilIdleAsync());
        Assert.Single(receiver.Requests);
        Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
    }
}
