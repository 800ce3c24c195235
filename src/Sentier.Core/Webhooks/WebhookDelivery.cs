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

/// <summary>The queue message: only ids, so it stays small whatever the events' size.</summary>
/// <param name="Sequence">Which message of the delivery this is (see <see cref="WebhookDelivery.Sequence"/>).</param>
/// <param name="Token">See <see cref="WebhookDelivery.Token"/>.</param>
/// <param name="DueAt">When the attempt was meant to start (after a backoff or a deferral); the queue lag counts from here. Null: when the message was sent.</param>
/// <param name="Deferrals">How often this attempt has been put off because its webhook had its fill of attempts in flight.</param>
/// <param name="Batch">
/// Set when the message is the first message of several deliveries of the webhook at once (each at
/// sequence 1, no token; <see cref="DeliveryId"/> is the first of them): their ids. Null for a
/// message of one delivery.
/// </param>
public sealed record WebhookDeliveryMessage(
    string AccountId, long WebhookId, string DeliveryId, int Sequence, string Token = "", DateTimeOffset? DueAt = null, int Deferrals = 0,
    IReadOnlyList<string>? Batch = null)
{
    /// <summary>Deliveries named by one first-attempt message at most: few enough that a hanging receiver holds a message for about a minute, not longer.</summary>
    public const int MaxBatch = 16;

    /// <summary>
    /// Payload bytes one first-attempt message's deliveries hold at most (one larger delivery goes
    /// alone): what the step holds in memory per message stays near what a single delivery may hold.
    /// </summary>
    public const int MaxBatchPayloadBytes = 1024 * 1024;

    /// <summary>
    /// The first message of each delivery (awaiting their first message): up to <paramref name="perMessage"/>
    /// deliveries of one webhook to a message, within <see cref="MaxBatchPayloadBytes"/>, oldest
    /// event first (keys run newest first, so each message's rows are one key range).
    /// </summary>
    public static IEnumerable<WebhookDeliveryMessage> FirstMessages(IEnumerable<WebhookDelivery> deliveries, int perMessage)
    {
        foreach (var webhook in deliveries.GroupBy(delivery => (delivery.AccountId, delivery.WebhookId)))
        {
            var ids = new List<string>(perMessage);
            var bytes = 0;
            foreach (var delivery in webhook.OrderByDescending(delivery => delivery.Id, StringComparer.Ordinal))
            {
                if (ids.Count > 0 && (ids.Count == perMessage || bytes + delivery.Payload.Length > MaxBatchPayloadBytes))
                {
                    yield return Of(webhook.Key.AccountId, webhook.Key.WebhookId, ids);
                    (ids, bytes) = (new List<string>(perMessage), 0);
                }

                ids.Add(delivery.Id);
                bytes += delivery.Payload.Length;
            }

            if (ids.Count > 0)
            {
                yield return Of(webhook.Key.AccountId, webhook.Key.WebhookId, ids);
            }
        }
    }

    /// <summary>The deliveries this message names, each as the one message it stands for.</summary>
    public IEnumerable<WebhookDeliveryMessage> Each() =>
        Batch is { Count: > 0 } ids ? ids.Select(id => this with { DeliveryId = id, Batch = null }) : [this];

    /// <summary>This message again for some of the deliveries it names (one that is put off), keeping its sequence, token, due time and deferrals.</summary>
    public WebhookDeliveryMessage For(IReadOnlyList<string> deliveryIds) =>
        this with { DeliveryId = deliveryIds[0], Batch = deliveryIds.Count > 1 ? deliveryIds : null };

    private static WebhookDeliveryMessage Of(string accountId, long webhookId, IReadOnlyList<string> ids) =>
        new(accountId, webhookId, ids[0], Sequence: 1, Batch: ids.Count > 1 ? ids : null);
}
