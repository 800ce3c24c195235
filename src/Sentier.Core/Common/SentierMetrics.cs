using System.Diagnostics.Metrics;

namespace Sentier.Core.Common;

/// <summary>
/// Sentier's own metrics, on the <c>Sentier</c> meter that the telemetry setup exports to
/// Application Insights. Features add their counters here so that one meter names them all.
/// </summary>
public sealed class SentierMetrics
{
    public const string MeterName = "Sentier";

    private readonly Counter<long> _rejectedCalls;
    private readonly Counter<long> _webhookAttempts;
    private readonly Histogram<double> _webhookAttemptDuration;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _webhookQueueLag;
    private readonly Counter<long> _webhookDeferrals;

    public SentierMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejectedCalls = meter.CreateCounter<long>(
            "sentier.api.rejected_calls", unit: "{call}",
            description: "API calls refused by the token or admin-key check, by status code.");
        _webhookAttempts = meter.CreateCounter<long>(
            "sentier.webhooks.attempts", unit: "{attempt}",
            description: "Webhook delivery attempts, by outcome (delivered, http_error, gone, timed_out, connection_failed, refused).");
        _webhookAttemptDuration = meter.CreateHistogram<double>(
            "sentier.webhooks.attempt.duration", unit: "s",
            description: "How long webhook delivery attempts took, from connecting to the first 4 KB of the answer, by outcome.");
        _webhookDeliveries = meter.CreateCounter<long>(
            "sentier.webhooks.deliveries", unit: "{delivery}",
            description: "Webhook deliveries that ended, by final outcome (delivered, failed, skipped).");
        _webhookQueueLag = meter.CreateHistogram<double>(
            "sentier.webhooks.queue_lag", unit: "s",
            description: "How long a webhook attempt started after it was due: after its message entered the queue, or after its retry's backoff ended.");
        _webhookDeferrals = meter.CreateCounter<long>(
            "sentier.webhooks.deferrals", unit: "{message}",
            description: "Webhook attempts put off because their webhook already had its fill of attempts in flight on the instance.");
    }

    public void RejectedCall(int statusCode) =>
        _rejectedCalls.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void WebhookAttempt(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _webhookAttempts.Add(1, tag);
        _webhookAttemptDuration.Record(duration.TotalSeconds, tag);
    }

    public void WebhookDeliveryEnded(string outcome) =>
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void WebhookAttemptDeferred() => _webhookDeferrals.Add(1);

    public void WebhookQueueLag(TimeSpan lag) => _webhookQueueLag.Record(Math.Max(0, lag.TotalSeconds));
}
