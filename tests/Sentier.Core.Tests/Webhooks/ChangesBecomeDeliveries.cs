using Sentier.Core.Contacts;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A committed contact change marks its account, nudges the dispatcher, and one pass turns its
/// record into one delivery per event and subscription that takes the event's type; the record is
/// then replaced by its tombstone. Against Azurite, with a loopback receiver.
/// </summary>
public sealed class ChangesBecomeDeliveries
{
    [Fact]
    public async Task AWriteIsNudgedAndDispatchedToEverySubscriptionThatTakesItsEvents()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var h = await DispatchHarness.CreateAsync();
        var (everything, secret) = await h.SubscribeAsync(receiver.Url);
        var (changes, _) = await h.SubscribeAsync(receiver.Url, "contact_change");
        var (deletes, _) = await h.SubscribeAsync(receiver.Url, "contact_deleted");

        var contact = await h.Contacts.UpsertAsync("""{"email":"dana@example.com","first_name":"Dana"}""");

        Assert.Equal([h.AccountId], await h.TakeNudgesAsync());
        Assert.Contains(h.AccountId, await h.Markers.ListAsync(CancellationToken.None).Select(marker => marker.AccountId).ToListAsync());
        await h.Dispatcher.DispatchAsync(h.AccountId, CancellationToken.None);

        Assert.Equal(["contact_change", "contact_created"], await h.DeliveredTypesAsync(everything));
        Assert.Equal(["contact_change"], await h.DeliveredTypesAsync(changes));
        Assert.Empty(await h.DeliveredTypesAsync(deletes));
        Assert.Empty(await h.RecordsAsync());
        Assert.Single(await h.TombstonesAsync());

        // One message per subscription: both of one write's events to 'everything' travel together.
        Assert.Equal(2, await h.Deliveries.RunUntilIdleAsync());
        Assert.Equal(3, receiver.Requests.Count);
        var created = Assert.Single(receiver.Requests, request => request.Body.AsSpan().IndexOf("contact_created"u8) >= 0);
        Assert.True(StandardWebhooksVerifier.Verify(secret, created.Headers["webhook-id"], created.Headers["webhook-timestamp"], created.Body, created.Headers["webhook-signature"]));
        var body = System.Text.Json.JsonDocument.Parse(created.Body).RootElement;
        Assert.Equal(contact.Id, body.GetProperty("data").GetProperty("contact").GetProperty("id").GetInt64());
        Assert.Equal("Dana", body.GetProperty("data").GetProperty("contact").GetProperty("first_name").GetString());
        Assert.Equal(h.AccountId, body.GetProperty("account_id").GetString());
    }

    [Fact]
    public async Task AnUpdateThatChangesNothingRaisesNothing()
    {
        var h = await DispatchHarness.CreateAsync();
        var (subscription, _) = await h.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        await h.Contacts.UpsertAsync("""{"email":"dana@example.com","first_name":"Dana"}""");
        await h.Dispatcher.DispatchAsync(h.AccountId, CancellationToken.None);
        await h.TakeNudgesAsync();

        await h.Contacts.UpsertAsync("""{"email":"dana@example.com","first_name":"Dana"}""");
        await h.Dispatcher.DispatchAsync(h.AccountId, CancellationToken.None);

        Assert.Empty(await h.TakeNudgesAsync());
        Assert.Empty(await h.RecordsAsync());
        Assert.Equal(["contact_change", "contact_created"], await h.DeliveredTypesAsync(subscription));
    }

    [Fact]
    public async Task ABusyAccountIsMarkedOncePerRefreshInterval()
    {
        var h = await DispatchHarness.CreateAsync();
        await h.Contacts.UpsertAsync("""{"email":"one@example.com"}""");
        var first = await h.Markers.ListAsync(CancellationToken.None).SingleAsync(marker => marker.AccountId == h.AccountId);

        await h.Contacts.UpsertAsync("""{"email":"two@example.com"}""");
        var second = await h.Markers.ListAsync(CancellationToken.None).SingleAsync(marker => marker.AccountId == h.AccountId);
        h.Contacts.Time.Advance(h.Options.Value.MarkerRefresh);
        await h.Contacts.UpsertAsync("""{"email":"three@example.com"}""");
        var third = await h.Markers.ListAsync(CancellationToken.None).SingleAsync(marker => marker.AccountId == h.AccountId);

        Assert.Equal(first.ETag, second.ETag);
        Assert.NotEqual(second.ETag, third.ETag);
        Assert.Equal(h.Contacts.Time.GetUtcNow(), third.MarkedAt);
    }

    [Fact]
    public async Task RecordsFromBeforeEventsAreRetiredWithoutEvents()
    {
        var h = await DispatchHarness.CreateAsync();
        var (subscription, _) = await h.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var legacy = new Azure.Data.Tables.TableEntity(h.AccountId, ContactKeys.Change(h.Contacts.Time.GetUtcNow()))
        {
            ["Source"] = "api",
            ["AppId"] = "app-1",
            ["At"] = h.Contacts.Time.GetUtcNow(),
            ["Changes"] = """[{"kind":"Created","contact_id":1,"email":"old@example.com","group_id":null}]"""u8.ToArray(),
        };
        await h.Contacts.Table.AddEntityAsync(legacy);

        await h.Dispatcher.DispatchAsync(h.AccountId, CancellationToken.None);

        Assert.Empty(await h.RecordsAsync());
        Assert.Empty(await h.DeliveriesOfAsync(subscription));
    }
}
