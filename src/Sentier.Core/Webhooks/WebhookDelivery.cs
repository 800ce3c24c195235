namespace Sentier.Core.Webhooks;

/// <summary>Where a delivery stands; <see cref="Pending"/> until an attempt series ends.</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
    Skipped,
}

/// <summary>One attempt as the delivery log shows it.</summary>
/// <param name="Outcome"><see cref="WebhookAttempt.OutcomeName"/>.</param>
public sealed record DeliveryAttempt(DateTimeOffset At, string Outcome, int? StatusCode, int DurationMs, string? Error, string ResponseBody)
{
    public static DeliveryAttempt From(WebhookAttempt attempt) => new(
        attempt.StartedAt, attempt.OutcomeName, attempt.StatusCode, (int)Math.Round(attempt.Duration.TotalMilliseconds), attempt.Error, attempt.ResponseBody);
}

/// <summary>
/// One event on its way to one subscription: the payload (the queue message names this row, never
/// carries the event) and every attempt made. <see cref="Sequence"/> is the number of the one queue
/// message this delivery waits for; a message with another number is a duplicate or stale and is dropped.
/// </summary>
/// <param name="Id">Also the row key: newest first within the subscription (<see cref="WebhookDeliveryStore"/>).</param>
/// <param name="MessageId"><c>webhook-id</c>: derived from the event and the subscription, the same on every attempt and redelivery.</param>
/// <param name="Payload">The event's JSON as enqueued; body parameters are added when it is sent.</param>
/// <param name="SeriesAttempts">Attempts made since the delivery was enqueued or last redelivered: what the retry schedule counts.</param>
/// <param name="Attempts">The most recent <see cref="WebhookDeliveryStore.MaxAttemptsKept"/> attempts, oldest first.</param>
public sealed record WebhookDelivery(
    string AccountId,
    long WebhookId,
    string Id,
    string EventId,
    string EventType,
    string MessageId,
    ReadOnlyMemory<byte> Payload,
    DeliveryStatus Status,
    string? Reason,
    int Sequence,
    int SeriesAttempts,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<DeliveryAttempt> Attempts)
{
    public Azure.ETag ETag { get; init; }

    public static string StatusName(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The queue message: only ids, so it stays a few hundred bytes whatever the event's size.</summary>
/// <param name="Sequence">Which message of the delivery this is (see <see cref="WebhookDelivery.Sequence"/>).</param>
public sealed record WebhookDeliveryMessage(string AccountId, long WebhookId, string DeliveryId, int Sequence);
