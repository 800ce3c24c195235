using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Handles one queue message: one attempt of each delivery it names, recorded in its row, and what
/// follows — delivered, a retry re-enqueued with the schedule's delay, or failed. A message names one
/// delivery, or the first attempts of several of one webhook (<see cref="WebhookDeliveryMessage.Batch"/>),
/// which are read in one query and, once delivered, recorded in one transaction. A delivery whose
/// row does not wait for this message (<see cref="WebhookDelivery.AwaitsMessage"/>) has been handled
/// already (the queue delivers at least once) or was orphaned by a crash, and is dropped without
/// sending. Attempts are bounded per webhook (<see cref="WebhookOptions.MaxConcurrentAttemptsPerWebhook"/>):
/// deliveries beyond the bound wait <see cref="SlotWait"/> for a slot, then are put off together.
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

    /// <summary>
    /// How old the subscription read by a shared first-attempt message may be when one of its
    /// deliveries is started: an owner's change (a new URL, turned off, deleted) reaches the
    /// message's remaining deliveries within this.
    /// </summary>
    public static readonly TimeSpan SubscriptionFreshness = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a delivery whose attempt threw in a shared message waits before its own message is
    /// taken: as long as the queue leaves a message that threw invisible (host.json's visibilityTimeout).
    /// </summary>
    private static readonly TimeSpan FailedAttemptDelay = TimeSpan.FromSeconds(30);

    /// <summary>How long a message that is ahead of its row waits for the row (written just after the message was sent).</summary>
    private static readonly TimeSpan AheadWait = TimeSpan.FromMilliseconds(200);

    private const int AheadChecks = 10;

    private readonly WebhookAttemptSlots _slots = new(options.Value.MaxConcurrentAttemptsPerWebhook);
    private readonly TimeSpan _attemptTimeout = TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds);

    /// <summary>
    /// Deliveries being handled here, by the message they wait for: a second copy that arrives
    /// meanwhile is dropped. A delivery id is unique only within its webhook (one event has the same
    /// id for each subscription), so the identity names the account and webhook too.
    /// </summary>
    private readonly HashSet<(string AccountId, long WebhookId, string DeliveryId, int Sequence, string Token)> _handling = [];

    /// <param name="insertedOn">When the queue received the message: its due time when it carries none, for the queue-lag metric.</param>
    /// <exception cref="InvalidOperationException">A row is still behind its message after a short wait; the queue tries the message again later.</exception>
    public async Task ProcessAsync(WebhookDeliveryMessage message, DateTimeOffset? insertedOn, CancellationToken cancellationToken)
    {
        var dueAt = message.DueAt ?? insertedOn;
        if (message.Batch is { Count: > 1 })
        {
            await ProcessBatchAsync(message, dueAt, cancellationToken);
            return;
        }

        if (!TryClaim(message))
        {
            return;
        }

        bool attempted;
        try
        {
            attempted = await AttemptInTurnAsync(message, dueAt, cancellationToken);
        }
        finally
        {
            Release(message);
        }

        // Only once the claim is gone: the copy put off may come back here before this send returns.
        if (!attempted)
        {
            await DeferAsync(message, dueAt, CancellationToken.None);
        }
    }

    /// <summary>The attempt of a one-delivery message, once a slot of its webhook comes free; false when none did in time.</summary>
    private async Task<bool> AttemptInTurnAsync(WebhookDeliveryMessage message, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        using var slot = await _slots.TryEnterAsync(message.AccountId, message.WebhookId, SlotWait, cancellationToken);
        if (slot is null)
        {
            return false;
        }

        RecordLag(dueAt);

        // Both reads at once: an attempt's latency, not storage's capacity, bounds how many deliveries an instance makes per second.
        var deliveryRead = FindCurrentAsync(message, cancellationToken);
        var subscriptionRead = subscriptions.FindAsync(message.AccountId, message.WebhookId, cancellationToken);
        await Task.WhenAll(deliveryRead, subscriptionRead);
        if (Awaiting(deliveryRead.Result, message) is { } delivery
            && await AttemptAsync(delivery, subscriptionRead.Result, cancellationToken) is { } ended)
        {
            await SaveEndedAsync([ended], cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The first attempts of a message's deliveries: rows read in one query, attempts started as
    /// slots come free, the ended rows written together — at the end, and before any wait for a
    /// slot, so a crash re-sends little. The subscription is read again before an attempt when the
    /// last read is older than <see cref="SubscriptionFreshness"/> or an attempt since did not
    /// deliver (a 410 disables it; its owner may have changed it); attempts already in flight then
    /// still finish, so up to the webhook's slot count of them may follow a 410. Once a copy of the
    /// message running on this instance holds one of its deliveries, each later one's row is read
    /// again before it is attempted, as the copy may have sent it meanwhile. Once the attempts have finished
    /// and the claims are released (a copy handled here meanwhile must not find them claimed), the
    /// deliveries that found no slot in time go back to the queue as one message, and each whose
    /// attempt threw goes back alone, so the queue's retries and poison count apply to it and not
    /// to the others. When the message itself fails (a read, the wait cancelled), the rows already
    /// ended are recorded and the queue offers the whole message again.
    /// </summary>
    private async Task ProcessBatchAsync(WebhookDeliveryMessage message, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var rowsRead = deliveries.FindManyAsync(message.AccountId, message.WebhookId, message.Batch!, cancellationToken);
        var subscriptionRead = subscriptions.FindAsync(message.AccountId, message.WebhookId, cancellationToken);
        await Task.WhenAll(rowsRead, subscriptionRead);
        var (rows, subscription, subscriptionReadAt) = (rowsRead.Result, subscriptionRead.Result, clock.GetUtcNow());

        var claimed = new List<WebhookDeliveryMessage>();
        var attempts = new List<(string DeliveryId, Task<WebhookDelivery?> Attempt)>();
        var unsaved = new List<Task<WebhookDelivery?>>();
        var putOff = new List<string>();
        var outcomes = new AttemptOutcomes();
        try
        {
            var waiting = message.Each()
                .Select(one => (Message: one, Delivery: Awaiting(rows.GetValueOrDefault(one.DeliveryId), one)))
                .Where(pair => pair.Delivery is not null)
                .ToList();
            var undeliveredSeen = 0;
            var copyHere = false;
            for (var i = 0; i < waiting.Count; i++)
            {
                var (one, delivery) = waiting[i];
                if (!TryClaim(one))
                {
                    copyHere = true;
                    continue;
                }

                claimed.Add(one);
                if (copyHere)
                {
                    // A copy of this message is running here: it may have handled this one since the rows were read.
                    delivery = Awaiting(await deliveries.FindAsync(one.AccountId, one.WebhookId, one.DeliveryId, cancellationToken), one);
                    if (delivery is null)
                    {
                        continue;
                    }
                }
                var slot = await _slots.TryEnterAsync(message.AccountId, message.WebhookId, TimeSpan.Zero, cancellationToken);
                if (slot is null)
                {
                    await SaveFinishedAsync(unsaved);
                    slot = await _slots.TryEnterAsync(message.AccountId, message.WebhookId, SlotWait, cancellationToken);
                }

                if (slot is null)
                {
                    putOff.AddRange(waiting.Skip(i).Select(pair => pair.Message.DeliveryId));
                    break;
                }

                // In the slot: an attempt that ended not delivered has counted itself before giving its slot back.
                if (outcomes.Undelivered > undeliveredSeen || clock.GetUtcNow() - subscriptionReadAt > SubscriptionFreshness)
                {
                    undeliveredSeen = outcomes.Undelivered;
                    try
                    {
                        (subscription, subscriptionReadAt) = (await subscriptions.FindAsync(message.AccountId, message.WebhookId, cancellationToken), clock.GetUtcNow());
                    }
                    catch
                    {
                        slot.Dispose();
                        throw;
                    }
                }

                RecordLag(dueAt);
                var attempt = AttemptInSlotAsync(delivery!, subscription, slot, outcomes, cancellationToken);
                attempts.Add((one.DeliveryId, attempt));
                unsaved.Add(attempt);
            }
        }
        finally
        {
            // Whatever stopped the loop, the attempts started finish and what ended is recorded.
            await Task.WhenAll(attempts.Select(pair => pair.Attempt.ContinueWith(_ => { }, TaskScheduler.Default)));
            try
            {
                await SaveFinishedAsync(unsaved);
            }
            finally
            {
                claimed.ForEach(Release);
            }
        }

        var threw = attempts.Where(pair => !pair.Attempt.IsCompletedSuccessfully).ToList();
        if (cancellationToken.IsCancellationRequested && threw.Count > 0)
        {
            await threw[0].Attempt;
        }

        // Not the message's token from here: the claims are released, and a send cut short would
        // leave both this message (offered again) and the messages already sent naming the same deliveries.
        foreach (var (deliveryId, attempt) in threw)
        {
            logger.LogWarning(attempt.Exception?.InnerException, "Delivery {DeliveryId} failed in a shared message; it goes back to the queue alone", deliveryId);
            await queue.SendAsync(message.For([deliveryId]), FailedAttemptDelay, CancellationToken.None);
        }

        if (putOff.Count > 0)
        {
            await DeferAsync(message.For(putOff), dueAt, CancellationToken.None);
        }
    }

    /// <summary>Writes the rows of the finished attempts among <paramref name="unsaved"/> that ended; takes those attempts off the list once written.</summary>
    private async Task SaveFinishedAsync(List<Task<WebhookDelivery?>> unsaved)
    {
        var finished = unsaved.Where(attempt => attempt.IsCompleted).ToList();
        var ended = finished.Where(attempt => attempt.IsCompletedSuccessfully).Select(attempt => attempt.Result).OfType<WebhookDelivery>().ToList();
        if (ended.Count > 0)
        {
            // Not the message's token: the sends are made, and a row left unrecorded on shutdown would send them again.
            await SaveEndedAsync(ended, CancellationToken.None);
        }

        unsaved.RemoveAll(finished.Contains);
    }

    /// <summary>How many of a message's attempts did not deliver, counted before each attempt gives its slot back.</summary>
    private sealed class AttemptOutcomes
    {
        private int _undelivered;

        public int Undelivered => Volatile.Read(ref _undelivered);

        public void Record(WebhookDelivery? ended)
        {
            if (ended is not { Status: DeliveryStatus.Delivered })
            {
                Interlocked.Increment(ref _undelivered);
            }
        }
    }

    private async Task<WebhookDelivery?> AttemptInSlotAsync(
        WebhookDelivery delivery, WebhookSubscription? subscription, IDisposable slot, AttemptOutcomes outcomes, CancellationToken cancellationToken)
    {
        using (slot)
        {
            WebhookDelivery? ended = null;
            try
            {
                ended = await AttemptAsync(delivery, subscription, cancellationToken);
                return ended;
            }
            finally
            {
                outcomes.Record(ended);
            }
        }
    }

    private bool TryClaim(WebhookDeliveryMessage message)
    {
        lock (_handling)
        {
            if (_handling.Add(Identity(message)))
            {
                return true;
            }
        }

        logger.LogInformation("Delivery message {DeliveryId} #{Sequence} is already being handled here; this copy is dropped", message.DeliveryId, message.Sequence);
        return false;
    }

    private void Release(WebhookDeliveryMessage message)
    {
        lock (_handling)
        {
            _handling.Remove(Identity(message));
        }
    }

    private static (string, long, string, int, string) Identity(WebhookDeliveryMessage message) =>
        (message.AccountId, message.WebhookId, message.DeliveryId, message.Sequence, message.Token);

    private void RecordLag(DateTimeOffset? dueAt)
    {
        if (dueAt is { } due)
        {
            metrics.WebhookQueueLag(clock.GetUtcNow() - due);
        }
    }

    /// <summary>The delivery if it waits for <paramref name="message"/>; null (logged) when it is gone, stale or a duplicate's.</summary>
    private WebhookDelivery? Awaiting(WebhookDelivery? delivery, WebhookDeliveryMessage message)
    {
        if (delivery is not null && delivery.AwaitsMessage(message))
        {
            return delivery;
        }

        logger.LogInformation("Delivery message {DeliveryId} #{Sequence} is stale or a duplicate; dropped", message.DeliveryId, message.Sequence);
        return null;
    }

    /// <summary>
    /// One attempt of a delivery that waits for it, and what follows. A retry (its message, then its
    /// row) and a deleted webhook's row are written here; a delivery that ended — delivered, failed,
    /// skipped — is returned for the caller to write (<see cref="SaveEndedAsync"/>), so a message's
    /// deliveries are recorded together.
    /// </summary>
    private async Task<WebhookDelivery?> AttemptAsync(WebhookDelivery delivery, WebhookSubscription? subscription, CancellationToken cancellationToken)
    {
        if (subscription is null)
        {
            // No log shows a deleted webhook's deliveries: the row goes rather than wait for retention.
            await deliveries.DeleteAsync(delivery, cancellationToken);
            metrics.WebhookDeliveryEnded(WebhookDelivery.StatusName(DeliveryStatus.Skipped));
            return null;
        }

        if (!subscription.IsActive)
        {
            // Turned off by the system (a 410, days of failures): failed, so recover sends it once
            // the webhook is back on. Turned off by its owner: skipped, as the owner chose.
            return subscription.DisabledReason is { } why
                ? Ended(delivery, DeliveryStatus.Failed, $"the webhook was disabled: {why}")
                : Ended(delivery, DeliveryStatus.Skipped, "the webhook is inactive");
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
            // Disabled first: if the row write is lost, this message runs again, finds the
            // webhook disabled by the system and records the delivery failed all the same.
            await webhooks.DisableAsync(delivery.AccountId, delivery.WebhookId,
                $"The receiver answered 410 Gone on {ApiDates.Format(attempt.StartedAt)}; turn the webhook back on with is_active: true.", cancellationToken);
            return Ended(recorded, DeliveryStatus.Failed, "the receiver answered 410 Gone; the webhook was disabled");
        }

        var delivered = attempt.Outcome == AttemptOutcome.Delivered;
        var now = await webhooks.RecordAttemptAsync(subscription, delivered, clock.GetUtcNow(), cancellationToken);
        if (delivered)
        {
            return Ended(recorded, DeliveryStatus.Delivered, null);
        }

        if (!now.IsActive)
        {
            return Ended(recorded, DeliveryStatus.Failed, $"the webhook was disabled: {now.DisabledReason}");
        }

        if (schedule.NextDelay(recorded.SeriesAttempts, attempt.RetryAfter, Random.Shared) is { } delay)
        {
            await RetryAsync(recorded, delay, cancellationToken);
            return null;
        }

        return Ended(recorded, DeliveryStatus.Failed, $"all {recorded.SeriesAttempts} attempts failed; the last: {attempt.Error}");
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

    private WebhookDelivery Ended(WebhookDelivery delivery, DeliveryStatus status, string? reason) => delivery with
    {
        Status = status,
        Reason = reason is null ? null : MessageText.Clip(reason, 1024),
        Sequence = delivery.Sequence + 1,
        Token = WebhookDelivery.NewToken(),
        NextAttemptAt = null,
        Updated = clock.GetUtcNow(),
    };

    /// <summary>Writes ended deliveries (one webhook's, in as few transactions as fit) and counts those whose record stands.</summary>
    private async Task SaveEndedAsync(IReadOnlyList<WebhookDelivery> ended, CancellationToken cancellationToken)
    {
        var stored = ended.Count == 1
            ? [await deliveries.TryReplaceAsync(ended[0], cancellationToken)]
            : await deliveries.TryReplaceAllAsync(ended, cancellationToken);
        for (var i = 0; i < ended.Count; i++)
        {
            if (stored[i] is null)
            {
                LogChanged(ended[i]);
            }
            else
            {
                metrics.WebhookDeliveryEnded(WebhookDelivery.StatusName(ended[i].Status));
            }
        }
    }

    private async Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (await deliveries.TryReplaceAsync(delivery, cancellationToken) is null)
        {
            LogChanged(delivery);
        }
    }

    /// <summary>Another instance handled a copy of the message at the same moment and recorded first.</summary>
    private void LogChanged(WebhookDelivery delivery) =>
        logger.LogWarning("Delivery {DeliveryId} changed while message #{Sequence} was handled; its record stands", delivery.Id, delivery.Sequence - 1);
}
