using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Puts events on their way to subscriptions and answers the delivery log: list, read, redeliver,
/// recover. The attempts themselves are <see cref="WebhookDeliveryStep"/>'s.
/// </summary>
public sealed class WebhookDeliveryService(
    WebhookDeliveryStore deliveries, WebhookDeliveryQueue queue, WebhookService webhooks, IOptions<WebhookOptions> options, SentierMetrics metrics,
    TimeProvider clock)
{
    /// <summary>Messages sent at once when many deliveries are enqueued together.</summary>
    private const int SendParallelism = 16;

    /// <summary>Enqueues one event for one subscription (see <see cref="EnqueueManyAsync"/>).</summary>
    /// <param name="envelope">The event: <c>{id, type, created, account_id, source, app_id, data}</c>.</param>
    /// <exception cref="InvalidRequestException">The payload is over <see cref="WebhookDeliveryStore.MaxPayloadBytes"/>, or has no id, type or time.</exception>
    public async Task<WebhookDelivery> EnqueueAsync(string accountId, WebhookSubscription subscription, JsonObject envelope, CancellationToken cancellationToken) =>
        (await EnqueueManyAsync([NewDelivery(accountId, subscription, envelope, clock.GetUtcNow())], cancellationToken))[0];

    /// <summary>
    /// How long a delivery may wait for its first attempt before a new enqueue of its event presumes
    /// the first message lost (a failure between row and message) and starts a new series for it:
    /// far beyond the seconds a first message normally takes, short enough that a record the
    /// dispatcher holds back for it (<see cref="ChangeDispatcher"/>) is retried only a few times.
    /// Also how far past due a pending delivery must be before <see cref="RedeliverAsync"/> takes it.
    /// </summary>
    public static readonly TimeSpan MessageLostAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Enqueues deliveries made by <see cref="NewDelivery"/>: the rows first (status pending, holding
    /// the payload; a subscription's rows in as few transactions as fit), then their first messages,
    /// each naming up to <see cref="WebhookOptions.FirstAttemptsPerMessage"/> deliveries of one subscription
    /// (queue operations, not table ones, bound how fast a storage account moves deliveries). Idempotent: a delivery's id is derived from its event and subscription
    /// (<see cref="WebhookDeliveryStore.IdOf"/>), so enqueueing an event again finds its row instead
    /// of making a second delivery. A pending row found is left alone until it is
    /// <see cref="MessageLostAfter"/> past its next attempt (its message was most likely sent a
    /// moment ago by a pass running at the same time, and a second copy could be sent by two
    /// instances at once); then its message is presumed lost and a new series starts, message
    /// first with a fresh token, so whichever message was sent before is dropped. The dispatcher relies on this to
    /// enqueue a change record again after any failure. Returns the deliveries as stored.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery>> EnqueueManyAsync(IReadOnlyList<WebhookDelivery> pending, CancellationToken cancellationToken)
    {
        var stored = await deliveries.AddNewAsync(pending, cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SendParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            WebhookDeliveryMessage.FirstMessages(stored.Where(row => row.Added).Select(row => row.Delivery), options.Value.FirstAttemptsPerMessage),
            parallel,
            async (message, token) => await queue.SendAsync(message, TimeSpan.Zero, token));

        var now = clock.GetUtcNow();
        var result = stored.Select(row => row.Delivery).ToArray();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, stored.Count).Where(i => !stored[i].Added && MessagePresumedLost(stored[i].Delivery, now)),
            parallel,
            // One that changed meanwhile is on its way (another enqueue started its series first).
            async (i, token) => result[i] = await StartSeriesAsync(result[i], token) ?? result[i]);
        return result;
    }

    /// <summary>Whether the delivery is still at its first message, not attempted yet (the one message sent after its row).</summary>
    public static bool AwaitsFirstMessage(WebhookDelivery delivery) =>
        delivery is { Status: DeliveryStatus.Pending, Sequence: 1, SeriesAttempts: 0, Attempts.Count: 0 };

    /// <summary>A pending delivery more than <see cref="MessageLostAfter"/> past its next attempt: no message is presumed to name it any more.</summary>
    private static bool MessagePresumedLost(WebhookDelivery delivery, DateTimeOffset now) =>
        delivery.Status == DeliveryStatus.Pending && delivery.NextAttemptAt < now - MessageLostAfter;

    /// <summary>
    /// The delivery of <paramref name="envelope"/> to <paramref name="subscription"/>, not yet
    /// stored: pending, its id and <c>webhook-id</c> derived from the event and the subscription.
    /// </summary>
    /// <exception cref="InvalidRequestException">The payload is too large, or lacks its id, type or time.</exception>
    public static WebhookDelivery NewDelivery(string accountId, WebhookSubscription subscription, JsonObject envelope, DateTimeOffset now)
    {
        var eventId = envelope["id"]?.GetValue<string>() ?? throw new InvalidRequestException("The event has no 'id'.");
        var eventType = envelope["type"]?.GetValue<string>() ?? throw new InvalidRequestException("The event has no 'type'.");
        var created = envelope["created"]?.GetValue<string>() is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw new InvalidRequestException("The event has no 'created' time.");
        var payload = JsonSerializer.SerializeToUtf8Bytes(envelope, SentierJson.Options);
        if (payload.Length > WebhookDeliveryStore.MaxPayloadBytes)
        {
            throw new InvalidRequestException(
                $"Event '{MessageText.Clip(eventId)}' is {payload.Length} bytes; a webhook payload may be at most {WebhookDeliveryStore.MaxPayloadBytes}.");
        }

        return new WebhookDelivery(
            accountId, subscription.Id, WebhookDeliveryStore.IdOf(created, eventId), eventId, eventType, MessageId(accountId, subscription.Id, eventId),
            payload, DeliveryStatus.Pending, null, Sequence: 1, SeriesAttempts: 0, now, now, now, []);
    }

    /// <summary>
    /// <c>webhook-id</c>: a hash of the account, subscription and event, so every attempt, every
    /// redelivery and every re-dispatch of the same event to the same subscription carries the same one.
    /// </summary>
    public static string MessageId(string accountId, long webhookId, string eventId) =>
        "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{accountId}\n{webhookId.ToString(CultureInfo.InvariantCulture)}\n{eventId}")))[..32];

    /// <summary>The subscription's deliveries, newest first; 404 when the account has no such subscription.</summary>
    public async Task<ItemPage<WebhookDelivery>> ListAsync(
        string accountId, string webhookId, string? status, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = status is null ? (DeliveryStatus?)null : ParseStatus(status);
        var subscription = await webhooks.GetAsync(accountId, webhookId, cancellationToken);
        return await deliveries.ListAsync(accountId, subscription.Id, filter, page, cancellationToken);
    }

    public async Task<WebhookDelivery> GetAsync(string accountId, string webhookId, string deliveryId, CancellationToken cancellationToken)
    {
        var subscription = await webhooks.GetAsync(accountId, webhookId, cancellationToken);
        return await deliveries.FindAsync(accountId, subscription.Id, deliveryId?.Trim() ?? "", cancellationToken)
            ?? throw new ResourceNotFoundException($"Delivery '{MessageText.Clip(deliveryId ?? "")}' of webhook '{MessageText.Clip(webhookId)}' was not found.");
    }

    /// <summary>
    /// Starts a new attempt series for a delivery that has ended (delivered, failed or skipped), or
    /// whose message is presumed lost (pending, <see cref="MessageLostAfter"/> past its next attempt),
    /// with the same payload and <c>webhook-id</c>, against the subscription as it is now.
    /// </summary>
    /// <exception cref="ConflictException">The delivery is still pending, or changed meanwhile.</exception>
    public async Task<WebhookDelivery> RedeliverAsync(string accountId, string webhookId, string deliveryId, CancellationToken cancellationToken) =>
        await StartSeriesAsync(await GetAsync(accountId, webhookId, deliveryId, cancellationToken), cancellationToken)
        ?? throw new ConflictException($"Delivery '{MessageText.Clip(deliveryId)}' changed while it was being redelivered; try again.");

    /// <summary>
    /// Redelivers the failed deliveries of the subscription created at or after <paramref name="since"/>,
    /// newest first, at most <see cref="WebhookRecovery.MaxPerCall"/> of them: one page of the log's
    /// failed rows (read in one range query, the status filtered by the service), resumed after
    /// <paramref name="continuation"/>'s row when given, so a call that follows the last one's
    /// continuation sends each of the rest once.
    /// </summary>
    /// <param name="since">ISO 8601, not in the future.</param>
    /// <param name="continuation">The previous call's <see cref="WebhookRecovery.Continuation"/>, with the same <paramref name="since"/>.</param>
    /// <exception cref="InvalidRequestException"><paramref name="since"/> is missing or unreadable, or the continuation is not one this range issued.</exception>
    public async Task<WebhookRecovery> RecoverAsync(string accountId, string webhookId, string? since, string? continuation, CancellationToken cancellationToken)
    {
        var from = ParseSince(since);
        var after = continuation is null ? null : ContinuationToken.Decode(continuation);
        var subscription = await webhooks.GetAsync(accountId, webhookId, cancellationToken);
        var page = await deliveries.SinceAsync(
            accountId, subscription.Id, DeliveryStatus.Failed, from, new PageRequest(1, WebhookRecovery.MaxPerCall, after), cancellationToken);
        var recovered = 0;
        await Parallel.ForEachAsync(
            page.Items,
            new ParallelOptions { MaxDegreeOfParallelism = SendParallelism, CancellationToken = cancellationToken },
            async (delivery, token) =>
            {
                // One that changed meanwhile is already on its way again.
                if (await StartSeriesAsync(delivery, token) is not null)
                {
                    Interlocked.Increment(ref recovered);
                }
            });

        return new WebhookRecovery(
            recovered,
            page.Continuation,
            page.Continuation is { } next
                ? $"/api/webhooks/{subscription.Id.ToString(CultureInfo.InvariantCulture)}/recover?since={Uri.EscapeDataString(since!.Trim())}&Continuation={next}"
                : null);
    }

    /// <summary>
    /// Records a message the queue gave up on (moved to the poison queue after the function failed
    /// it <c>maxDequeueCount</c> times) as failed, so it shows in the log and can be redelivered;
    /// only if it is the message its row waits for (an orphan of a crash names no row's token).
    /// </summary>
    public async Task MarkPoisonedAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        foreach (var one in message.Each())
        {
            await MarkOnePoisonedAsync(one, cancellationToken);
        }
    }

    private async Task MarkOnePoisonedAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        while (await deliveries.FindAsync(message.AccountId, message.WebhookId, message.DeliveryId, cancellationToken) is { } delivery
               && delivery.AwaitsMessage(message))
        {
            var failed = delivery with
            {
                Status = DeliveryStatus.Failed,
                Reason = "poison: the delivery function failed on this message repeatedly; redeliver it once the cause is fixed",
                Sequence = delivery.Sequence + 1,
                Token = WebhookDelivery.NewToken(),
                NextAttemptAt = null,
                Updated = clock.GetUtcNow(),
            };
            if (await deliveries.TryReplaceAsync(failed, cancellationToken) is not null)
            {
                metrics.WebhookDeliveryEnded(WebhookDelivery.StatusName(DeliveryStatus.Failed));
                return;
            }
        }
    }

    /// <summary>
    /// The message first, then the row: a message ahead of its row waits for it, a row ahead of its
    /// message would wait forever. The new series' message has a fresh token, so if the row write
    /// never happens the message names no row and is dropped, whatever series comes later. When
    /// the answer to the row write was lost, the store recognises the write by that token and the
    /// redelivery is reported as started, not as a conflict.
    /// </summary>
    private async Task<WebhookDelivery?> StartSeriesAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (delivery.Status == DeliveryStatus.Pending && !MessagePresumedLost(delivery, now))
        {
            throw new ConflictException(
                $"Delivery '{delivery.Id}' is still being delivered; redeliver it once it has ended, or once it is more than {MessageLostAfter.TotalMinutes:0} minutes past its next attempt.");
        }

        var next = delivery with
        {
            Status = DeliveryStatus.Pending,
            Reason = null,
            Sequence = delivery.Sequence + 1,
            Token = WebhookDelivery.NewToken(),
            SeriesAttempts = 0,
            NextAttemptAt = now,
            Updated = now,
        };
        await queue.SendAsync(next.Message(), TimeSpan.Zero, cancellationToken);
        return await deliveries.TryReplaceAsync(next, cancellationToken);
    }

    private static DeliveryStatus ParseStatus(string status) =>
        Enum.TryParse<DeliveryStatus>(status.Trim(), ignoreCase: true, out var parsed) && !int.TryParse(status, out _)
            ? parsed
            : throw new InvalidRequestException($"'Status' '{MessageText.Clip(status)}' is not a delivery status; use pending, delivered, failed or skipped.");

    private DateTimeOffset ParseSince(string? since)
    {
        if (string.IsNullOrWhiteSpace(since))
        {
            throw new InvalidRequestException("'since' is required: the UTC time (ISO 8601) from which failed deliveries are sent again.");
        }

        if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
        {
            throw new InvalidRequestException($"'since' '{MessageText.Clip(since)}' is not a date; use ISO 8601, e.g. 2026-01-31T08:00:00Z.");
        }

        return from <= clock.GetUtcNow()
            ? from
            : throw new InvalidRequestException($"'since' '{MessageText.Clip(since)}' is in the future.");
    }
}
