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

    public SentierMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rejectedCalls = meter.CreateCounter<long>(
            "sentier.api.rejected_calls", unit: "{call}",
            description: "API calls refused by the token or admin-key check, by status code.");
    }

    public void RejectedCall(int statusCode) =>
        _rejectedCalls.Add(1, new KeyValuePair<string, object?>("http.response.status_code", statusCode));
}
