using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The retention timer's run: a webhook's deliveries older than <c>Webhooks:DeliveryRetentionDays</c>
/// go (more than one transaction's 100), newer ones stay; a deleted webhook's deliveries all go, and
/// then its tombstone. Runs on the real clock with rows dated in the past, because the run covers
/// every account in the test storage and must not reach other tests' rows.
/// </summary>
public sealed class DeliveryRetentionRemovesOldRows
{
    [Fact]
    public async Task OldRowsAndThoseOfDeletedWebhooksGo()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (kept, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var (deleted, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 130; i++)
        {
            await AddAsync(harness, kept, now.AddDays(-31).AddMinutes(-i));
        }

        var recent = new[] { await AddAsync(harness, kept, now.AddDays(-29)), await AddAsync(harness, kept, now) };
        await AddAsync(harness, deleted, now);
        await AddAsync(harness, deleted, now.AddDays(-40));
        await harness.Webhooks.Service.DeleteAsync(harness.AccountId, WebhookHarness.Id(deleted.Id), CancellationToken.None);
        Assert.Contains(await harness.Webhooks.SnapshotAsync(), row => row.StartsWith(WebhookStore.TombstonePrefix, StringComparison.Ordinal));
        var retention = new WebhookDeliveryRetention(
            harness.Webhooks.Store, harness.Store, Options.Create(new WebhookOptions { DeliveryRetentionDays = 30 }), TimeProvider.System,
            NullLogger<WebhookDeliveryRetention>.Instance);

        var result = await retention.RunAsync(CancellationToken.None);

        Assert.True(result.Deliveries >= 132, $"{result.Deliveries} removed");
        Assert.Equal(recent.Select(delivery => delivery.Id), (await RowKeysAsync(harness, kept)).Order().Reverse());
        Assert.Empty(await RowKeysAsync(harness, deleted));
        Assert.DoesNotContain(await harness.Webhooks.SnapshotAsync(), row => row.StartsWith(WebhookStore.TombstonePrefix, StringComparison.Ordinal));

        // Forgetting the tombstone forgets nothing a client sees: deleting again still succeeds.
        await harness.Webhooks.Service.DeleteAsync(harness.AccountId, WebhookHarness.Id(deleted.Id), CancellationToken.None);
    }

    private static async Task<WebhookDelivery> AddAsync(DeliveryHarness harness, WebhookSubscription subscription, DateTimeOffset created)
    {
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var stored = await harness.Store.AddNewAsync(
            [new WebhookDelivery(
                harness.AccountId, subscription.Id, WebhookDeliveryStore.IdOf(created, eventId), eventId, "contact_change", "msg_1", "{}"u8.ToArray(),
                DeliveryStatus.Delivered, null, 2, 1, created, created, null, [])],
            CancellationToken.None);
        return Assert.Single(stored).Delivery;
    }

    private static async Task<List<string>> RowKeysAsync(DeliveryHarness harness, WebhookSubscription subscription) =>
        await harness.Store.Table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {WebhookDeliveryStore.PartitionKey(harness.AccountId, subscription.Id)}"), select: ["RowKey"])
            .Select(row => row.RowKey).ToListAsync();
}
