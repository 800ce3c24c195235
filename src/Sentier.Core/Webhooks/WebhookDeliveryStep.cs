using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Handles one queue message: one attempt of one delivery, recorded in its row, and what follows —
/// delivered, a retry re-enqueued with the schedule's delay, or failed. A message that is not the one
/// its row waits for (<see cref="WebhookDelivery.AwaitsMessage"/>) has been handled already (the
/// queue delivers at least once) or was orphaned by a crash, and is dropped without sending.
/// Attempts are bounded per webhook (<see cref="WebhookOptions.MaxConcurrentAttemptsPerWebhook"/>):
/// a message beyond the bound waits <see cref="SlotWait"/> for a slot, then is put off.
/// </summary>
public sealed class WebhookDeliveryStep(
    WebhookDeliveryStore deliveries,
    WebhookDeliveryQueue queue,
    WebhookStore subscriptions,
    WebhookService webhooks,
    WebhookSender sender,
    RetrySchedule schedule,
    IOptions<WebhookOptions> options,
    SentierMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookDeliveryStep> logger)
{
    /// <summary>
    /// How long a message waits for a slot of its webhook before it is put off: long enough that a
    /// burst to a quick receiver is served in turn without going back to the queue, short enough
    /// that messages for a hanging receiver give their host slots back within a second.
    /// </summary>
    public static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(1);

    /// <summary>How long a message that is ahead of its row waits for the row (written just after the message was sent).</summary>
    private static readonly TimeSpan AheadWait = TimeSpan.FromMilliseconds(200);

    private const int AheadChecks = 10;

    private readonly WebhookAttemptSlots _slots = new(options.Value.MaxConcurrentAttemptsPerWebhook);
    private readonly TimeSpan _attemptTimeout = TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds);

    /// <summary>
    /// Messages being handled here, by identity: a second copy that arrives meanwhile is dropped.
    /// A delivery id is unique only within its webhook (one event has the same id for each
    /// subscription), so the identity names the account and webhook too.
    /// </summary>
    private readonly HashSet<(string AccountId, long WebhookId, string DeliveryId, int Sequence, string Token)> _handling = [];

    /// <param name="insertedOn">When the queue received the message: its due time when it carries none, for the queue-lag metric.</param>
    /// <exception cref="InvalidOperationException">The row is still behind the message after a short wait; the queue tries the message again later.</exception>
    public async Task ProcessAsync(WebhookDeliveryMessage message, DateTimeOffset? insertedOn, CancellationToken cancellationToken)
    {
        var identity = (message.AccountId, message.WebhookId, message.DeliveryId, message.Sequence, message.Token);
        lock (_handling)
        {
            if (!_handling.Add(identity))
            {
                logger.LogInformation("Delivery message {DeliveryId} #{Sequence} is already being handled here; this copy is dropped", message.DeliveryId, message.Sequence);
                return;
            }
        }

        try
        {
            var dueAt = message.DueAt ?? insertedOn;
            using var slot = await _slots.TryEnterAsync(message.AccountId, message.WebhookId, SlotWait, cancellationToken);
            if (slot is null)
            {
                await DeferAsync(message, dueAt, cancellationToken);
                return;
            }

            if (dueAt is { } due)
            {
                metrics.WebhookQueueLag(clock.GetUtcNow() - due);
            }

            await AttemptAsync(message, cancellationToken);
        }
        finally
        {
            lock (_handling)
            {
                _handling.Remove(identity);
            }
        }
    }

    private async Task AttemptAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        // Both reads at once: an attempt's latency, not storage's capacity, bounds how many deliveries an instance makes per second.
        var deliveryRead = FindCurrentAsync(message, cancellationToken);
        var subscriptionRead = subscriptions.FindAsync(message.AccountId, message.WebhookId, cancellationToken);
        await Task.WhenAll(deliveryRead, subscriptionRead);
        var (delivery, subscription) = (deliveryRead.Result, subscriptionRead.Result);
        if (delivery is null || !delivery.AwaitsMessage(message))
        {
            logger.LogInformation("Delivery message {DeliveryId} #{Sequence} is stale or a duplicate; dropped", message.DeliveryId, message.Sequence);
            return;
        }

        if (subscription is null)
        {
            // No log shows a deleted webhook's deliveries: the row goes rather than wait for retention.
            await deliveries.DeleteAsync(delivery, cancellationToken);
            metrics.WebhookDeliveryEnded(WebhookDelivery.StatusName(DeliveryStatus.Skipped));
            return;
        }

        if (!subscription.IsActive)
        {
            // Turned off by the system (a 410, days of failures): failed, so recover sends it once
            // the webhook is back on. Turned off by its owner: skipped, as the owner chose.
            await (subscription.DisabledReason is { } why
                ? EndAsync(delivery, DeliveryStatus.Failed, $"the webhook was disabled: {why}", cancellationToken)
                : EndAsync(delivery, DeliveryStatus.Skipped, "the webhook is inactive", cancellationToken));
            return;
        }

        var envelope = JsonNode.Parse(delivery.Payload.Span)!.AsObject();
        var request = WebhookRequestBuilder.Build(subscription, delivery.MessageId, envelope, ContactOf(envelope), webhooks.SigningSecrets(subscription));
        var attempt = await sender.SendAsync(request, cancellationToken);
        var recorded = delivery with
        {
            SeriesAttempts = delivery.SeriesAttempts + 1,
            Attempts = [.. delivery.Attempts, DeliveryAttempt.From(attempt)],
        };

        if (attempt.Outcome == AttemptOutcome.Gone)
        {
            // Disabled first: if the row write below is lost, this message runs again, finds the
            // webhook disabled by the system and records the delivery failed all the same.
            await webhooks.DisableAsync(message.AccountId, message.WebhookId,
                $"The receiver answered 410 Gone on {ApiDates.Format(attempt.StartedAt)}; turn the webhook back on with is_active: true.", cancellationToken);
            await EndAsync(recorded, DeliveryStatus.Failed, "the receiver answered 410 Gone; the webhook was disabled", cancellationToken);
            return;
        }

        var delivered = attempt.Outcome == AttemptOutcome.Delivered;
        var now = await webhooks.RecordAttemptAsync(subscription, delivered, clock.GetUtcNow(), cancellationToken);
        if (delivered)
        {
            await EndAsync(recorded, DeliveryStatus.Delivered, null, cancellationToken);
        }
        else if (!now.IsActive)
        {
            await EndAsync(recorded, DeliveryStatus.Failed, $"the webhook was disabled: {now.DisabledReason}", cancellationToken);
        }
        else if (schedule.NextDelay(recorded.SeriesAttempts, attempt.RetryAfter, Random.Shared) is { } delay)
        {
            await RetryAsync(recorded, delay, cancellationToken);
        }
        else
        {
            await EndAsync(recorded, DeliveryStatus.Failed, $"all {recorded.SeriesAttempts} attempts failed; the last: {attempt.Error}", cancellationToken);
        }
    }

    /// <summary>
    /// The contact an event is about (<c>data.contact</c>), for <c>user_field</c> parameters: its
    /// email, sms and every other scalar field as text.
    /// </summary>
    public static Contact? ContactOf(JsonObject envelope)
    {
        if (envelope["data"]?["contact"] is not JsonObject contact)
        {
            return null;
        }

        var fields = new Dictionary<string, object>();
        foreach (var (name, value) in contact)
        {
            if (value is JsonValue scalar && scalar.GetValueKind() is not JsonValueKind.Null)
            {
                fields[name] = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
            }
        }

        return new Contact
        {
            Id = 0,
            Email = fields.GetValueOrDefault("email") as string,
            Sms = fields.GetValueOrDefault("sms") as string,
            Fields = fields,
        };
    }

    /// <summary>
    /// Puts the message off: the same message (same row, number and token) again after a delay that
    /// doubles with each deferral, from 1 s up to one attempt timeout (by when a hanging attempt has
    /// given its slot back), ±20 %. Nothing is recorded in the row.
    /// </summary>
    private async Task DeferAsync(WebhookDeliveryMessage message, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(message.Deferrals, 16)), _attemptTimeout.TotalSeconds));
        var delay = step * (1 + (((Random.Shared.NextDouble() * 2) - 1) * RetrySchedule.Jitter));
        await queue.SendAsync(message with { DueAt = dueAt, Deferrals = message.Deferrals + 1 }, delay, cancellationToken);
        metrics.WebhookAttemptDeferred();
        logger.LogInformation("Delivery message {DeliveryId} #{Sequence} put off {Delay} s: webhook {WebhookId} has its fill of attempts in flight",
            message.DeliveryId, message.Sequence, Math.Round(delay.TotalSeconds, 1), message.WebhookId);
    }

    private async Task<WebhookDelivery?> FindCurrentAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        for (var check = 1; ; check++)
        {
            var delivery = await deliveries.FindAsync(message.AccountId, message.WebhookId, message.DeliveryId, cancellationToken);
            if (delivery is null || delivery.Sequence >= message.Sequence)
            {
                return delivery;
            }

            if (check == AheadChecks)
            {
                throw new InvalidOperationException(
                    $"Delivery {message.DeliveryId} is at message #{delivery.Sequence} but message #{message.Sequence} arrived; the queue will offer it again.");
            }

            await Task.Delay(AheadWait, clock, cancellationToken);
        }
    }

    /// <summary>The next message first, then the row: the message waits for the row if it is quicker, and a lost row write leaves the old message to retry.</summary>
    private async Task RetryAsync(WebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var next = delivery with
        {
            Sequence = delivery.Sequence + 1,
            Token = WebhookDelivery.NewToken(),
            NextAttemptAt = now + delay,
            Updated = now,
        };
        await queue.SendAsync(next.Message(next.NextAttemptAt), delay, cancellationToken);
        await SaveAsync(next, cancellationToken);
    }

    private async Task EndAsync(WebhookDelivery delivery, DeliveryStatus status, string? reason, CancellationToken cancellationToken)
    {
        var ended = delivery with
        {
            Status = status,
            Reason = reason is null ? null : MessageText.Clip(reason, 1024),
            Sequence = delivery.Sequence + 1,
            Token = WebhookDelivery.NewToken(),
            NextAttemptAt = null,
            Updated = clock.GetUtcNow(),
        };
        if (await SaveAsync(ended, cancellationToken))
        {
            metrics.WebhookDeliveryEnded(WebhookDelivery.StatusName(status));
        }
    }

    private async Task<bool> SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (await deliveries.TryReplaceAsync(delivery, cancellationToken) is not null)
        {
            return true;
        }

        // Another instance handled a copy of this message at the same moment and recorded first.
        logger.LogWarning("Delivery {DeliveryId} changed while message #{Sequence} was handled; its record stands", delivery.Id, delivery.Sequence - 1);
        return false;
    }
}
