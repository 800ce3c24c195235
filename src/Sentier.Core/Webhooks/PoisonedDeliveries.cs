using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Delivery messages the delivery function failed <c>maxDequeueCount</c> times: the delivery they
/// name is recorded as failed (<see cref="WebhookDeliveryService.MarkPoisonedAsync"/>), so it shows in
/// the log and can be redelivered. A message that names no delivery is logged and dropped.
/// </summary>
public sealed class PoisonedDeliveries(WebhookDeliveryService deliveries, ILogger<PoisonedDeliveries> logger)
{
    public async Task RecordAsync(BinaryData body, CancellationToken cancellationToken)
    {
        if (PoisonMessages.TryRead(StorageNames.WebhookDeliveriesPoisonQueue, body, Read, logger, out var message))
        {
            await deliveries.MarkPoisonedAsync(message, cancellationToken);
        }
    }

    /// <summary>A delivery message whose account and delivery ids could be keys; others would fail the table read every time.</summary>
    private static WebhookDeliveryMessage Read(BinaryData body) =>
        WebhookDeliveryQueue.Read(body) is { } message && ResourceIds.IsWellFormed(message.AccountId) && WebhookDeliveryStore.IsId(message.DeliveryId)
            ? message
            : throw new JsonException("The message names no delivery.");
}
