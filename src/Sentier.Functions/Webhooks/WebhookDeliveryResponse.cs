using System.Text.Json;
using Sentier.Core.Webhooks;

namespace Sentier.Functions.Webhooks;

/// <summary>A delivery in the log; <c>payload</c> only when one delivery is read.</summary>
public sealed record WebhookDeliveryResponse(
    string Id,
    long WebhookId,
    string EventId,
    string EventType,
    string WebhookMessageId,
    string Status,
    string? Reason,
    DateTimeOffset DateCreatedUtc,
    DateTimeOffset DateUpdatedUtc,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<DeliveryAttempt> Attempts,
    JsonElement? Payload)
{
    public static WebhookDeliveryResponse From(WebhookDelivery delivery, bool withPayload) => new(
        delivery.Id,
        delivery.WebhookId,
        delivery.EventId,
        delivery.EventType,
        delivery.MessageId,
        WebhookDelivery.StatusName(delivery.Status),
        delivery.Reason,
        delivery.Created,
        delivery.Updated,
        delivery.NextAttemptAt,
        delivery.Attempts,
        withPayload ? JsonDocument.Parse(delivery.Payload).RootElement.Clone() : null);
}

/// <summary>How many failed deliveries <c>POST /api/webhooks/{id}/recover</c> sent again.</summary>
public sealed record WebhookRecoverResponse(int Recovered);
