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

/// <summary>
/// How many failed deliveries <c>POST /api/webhooks/{id}/recover</c> sent again; when it stopped at
/// its bound with more left, <c>more</c> is true and <c>next</c> is the call that sends the rest
/// (the same <c>since</c> and the <c>continuation</c>).
/// </summary>
public sealed record WebhookRecoverResponse(int Recovered, bool More, string? Continuation, string? Next)
{
    public static WebhookRecoverResponse From(WebhookRecovery recovery) => new(recovery.Recovered, recovery.More, recovery.Continuation, recovery.Next);
}
