using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Handles one queue message: one attempt of one delivery, recorded in its row, and what follows —
/// delivered, a retry re-enqueued with the schedule's delay, or failed. A message whose
/// <see cref="WebhookDeliveryMessage.Sequence"/> is behind the row's has been handled already (the
/// queue delivers at least once) and is dropped without sending.
/// </summary>
public sealed class WebhookDeliveryStep(
    WebhookDeliveryStore deliveries,
    WebhookDeliveryQueue queue,
    WebhookStore subscriptions,
    WebhookService webhooks,
    WebhookSender sender,
    RetrySchedule schedule,
    SentierMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookDeliveryStep> logger)
{
    /// <summary>How long a message that is ahead of its row waits for the row (written just after the message was sent).</summary>
    private static readonly TimeSpan AheadWait = TimeSpan.FromMilliseconds(200);

    private const int AheadChecks = 10;

    /// <param name="insertedOn">When the queue received the message, for the queue-lag metric.</param>
    /// <exception cref="InvalidOperationException">The row is still behind the message after a short wait; the queue tries the message again later.</exception>
    public async Task ProcessAsync(WebhookDeliveryMessage message, DateTimeOffset? insertedOn, CancellationToken cancellationToken)
    {
        if (insertedOn is { } inserted)
        {
            metrics.WebhookQueueLag(clock.GetUtcNow() - inserted);
        }

        var delivery = await FindCurrentAsync(message, cancellationToken);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending || delivery.Sequence != message.Sequence)
        {
            logger.LogInformation("Delivery message {DeliveryId} #{Sequence} is stale or a duplicate; dropped", message.DeliveryId, message.Sequence);
            return;
        }

        var subscription = await subscriptions.FindAsync(message.AccountId, message.WebhookId, cancellationToken);
        if (subscription is null)
        {
            await EndAsync(delivery, DeliveryStatus.Skipped, "the webhook was deleted", null, cancellationToken);
            return;
        }

        if (!subscription.IsActive)
        {
            await EndAsync(delivery, DeliveryStatus.Skipped,
                "the webhook is inactive" + (subscription.DisabledReason is { } why ? $" ({why})" : ""), null, cancellationToken);
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

        if (attempt.Outcome == AttemptOutcome.Delivered)
        {
            await EndAsync(recorded, DeliveryStatus.Delivered, null, attempt, cancellationToken);
        }
        else if (attempt.Outcome == AttemptOutcome.Gone)
        {
            await webhooks.DisableAsync(message.AccountId, message.WebhookId,
                $"The receiver answered 410 Gone on {ApiDates.Format(attempt.StartedAt)}; turn the webhook back on with is_active: true.", cancellationToken);
            await EndAsync(recorded, DeliveryStatus.Failed, "the receiver answered 410 Gone; the webhook was disabled", attempt, cancellationToken);
        }
        else if (schedule.NextDelay(recorded.SeriesAttempts, attempt.RetryAfter, Random.Shared) is { } delay)
        {
            await RetryAsync(recorded, delay, cancellationToken);
        }
        else
        {
            await EndAsync(recorded, DeliveryStatus.Failed, $"all {recorded.SeriesAttempts} attempts failed; the last: {attempt.Error}", attempt, cancellationToken);
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
        var next = delivery with
        {
            Sequence = delivery.Sequence + 1,
            NextAttemptAt = clock.GetUtcNow() + delay,
            Updated = clock.GetUtcNow(),
        };
        await queue.SendAsync(new WebhookDeliveryMessage(next.AccountId, next.WebhookId, next.Id, next.Sequence), delay, cancellationToken);
        await SaveAsync(next, cancellationToken);
    }

    private async Task EndAsync(WebhookDelivery delivery, DeliveryStatus status, string? reason, WebhookAttempt? attempt, CancellationToken cancellationToken)
    {
        var ended = delivery with
        {
            Status = status,
            Reason = reason is null ? null : MessageText.Clip(reason, 1024),
            Sequence = delivery.Sequence + 1,
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
