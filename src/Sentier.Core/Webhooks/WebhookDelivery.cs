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
/// carries the event) and every attempt made. <see cref="Sequence"/> and <see cref="Token"/> name
/// the one queue message this delivery waits for; a message with another number or token is a
/// duplicate or stale and is dropped.
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

    /// <summary>
    /// Random for every message sent after the first (empty for the first): a message that was sent
    /// but whose row write never happened (a crash between the two) carries a token no row will
    /// ever hold, so it can neither be taken for a later message with the same number nor fail it.
    /// </summary>
    public string Token { get; init; } = "";

    public static string StatusName(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A fresh <see cref="Token"/>.</summary>
    public static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>The queue message this delivery waits for, due at <paramref name="dueAt"/>.</summary>
    public WebhookDeliveryMessage Message(DateTimeOffset? dueAt = null) => new(AccountId, WebhookId, Id, Sequence, Token, dueAt);

    /// <summary>Whether <paramref name="message"/> is the one this delivery waits for.</summary>
    public bool AwaitsMessage(WebhookDeliveryMessage message) =>
        Status == DeliveryStatus.Pending && Sequence == message.Sequence && Token == message.Token;
}

/// <summary>The queue message: only ids, so it stays a few hundred bytes whatever the event's size.</summary>
/// <param name="Sequence">Which message of the delivery this is (see <see cref="WebhookDelivery.Sequence"/>).</param>
/// <param name="Token">See <see cref="WebhookDelivery.Token"/>.</param>
/// <param name="DueAt">When the attempt was meant to start (after a backoff or a deferral); the queue lag counts from here. Null: when the message was sent.</param>
/// <param name="Deferrals">How often this attempt has been put off because its webhook had its fill of attempts in flight.</param>
public sealed record WebhookDeliveryMessage(
    string AccountId, long WebhookId, string DeliveryId, int Sequence, string Token = "", DateTimeOffset? DueAt = null, int Deferrals = 0);
