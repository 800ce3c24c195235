using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Common;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Each attempt counts once on the <c>Sentier</c> meter, by outcome, with its duration.</summary>
public sealed class WebhookAttemptMetrics
{
    [Fact]
    public async Task AttemptsAreCountedAndTimedByOutcome()
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var metrics = new SentierMetrics(meters);
        var counted = new List<string>();
        var timed = new List<(string Outcome, double Seconds)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this test's meter factory: senders of tests running alongside record on meters of the same name.
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == SentierMetrics.MeterName && instrument.Name.StartsWith("sentier.webhooks.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => counted.Add((string)tags[0].Value!));
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => timed.Add(((string)tags[0].Value!, value)));
        listener.Start();

        await using var receiver = await LoopbackReceiver.StartAsync(c =>
        {
            c.Response.StatusCode = c.Request.Query.ContainsKey("fail") ? 500 : 200;
            return Task.CompletedTask;
        });
        using var sender = SenderHarness.Sender(metrics: metrics);
        await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);
        await sender.SendAsync(SenderHarness.Request(receiver.Url, query: [new("fail", "1")]), CancellationToken.None);
        await sender.SendAsync(SenderHarness.Request(new Uri("http://10.0.0.1/")), CancellationToken.None);

        Assert.Equal(["delivered", "http_error", "refused"], counted);
        Assert.Equal(["delivered", "http_error", "refused"], timed.Select(t => t.Outcome));
        Assert.All(timed, t => Assert.True(t.Seconds >= 0));
    }
}
