using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sentier.Core.Webhooks;

/// <summary>What one retention run removed.</summary>
/// <param name="Webhooks">Webhooks visited, deleted ones included.</param>
/// <param name="Deliveries">Delivery rows deleted.</param>
/// <param name="Tombstones">Deleted webhooks whose deliveries are all gone now, and so forgotten.</param>
public sealed record RetentionResult(int Webhooks, int Deliveries, int Tombstones);

/// <summary>
/// Keeps the delivery log to <see cref="WebhookOptions.DeliveryRetentionDays"/>: for every webhook,
/// the deliveries created before the cut-off go, a key range of its partition deleted 100 rows per
/// transaction; for a deleted webhook (its tombstone) every delivery goes, then the tombstone.
/// Cost per run: one key-only scan of the <c>Webhooks</c> table (about one request per 1,000
/// webhooks), one key-only range query per webhook, and one transaction per 100 rows removed.
/// </summary>
public sealed class WebhookDeliveryRetention(
    WebhookStore webhooks, WebhookDeliveryStore deliveries, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliveryRetention> logger)
{
    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.DeliveryRetention;
        var (visited, removed, forgotten) = (0, 0, 0);
        await foreach (var (accountId, id, deleted) in webhooks.ListDeliveryOwnersAsync(cancellationToken))
        {
            visited++;
            removed += await deliveries.DeleteBeforeAsync(WebhookDeliveryStore.PartitionKey(accountId, id), deleted ? null : cutoff, cancellationToken);
            if (deleted)
            {
                await webhooks.RemoveTombstoneAsync(accountId, id, cancellationToken);
                forgotten++;
            }
        }

        logger.LogInformation(
            "Webhook delivery retention: {Webhooks} webhooks visited, {Deliveries} deliveries older than {Cutoff:O} or of deleted webhooks removed, {Tombstones} deleted webhooks forgotten",
            visited, removed, cutoff, forgotten);
        return new RetentionResult(visited, removed, forgotten);
    }
}
