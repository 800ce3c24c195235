using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Each delivery counts once when it ends, by final outcome, and each handled message records its queue lag.</summary>
public sealed class DeliveryMetrics
{
    [Fact]
    public async Task EndedDeliveriesAreCountedByOutcomeAndQueueLagIsRecorded()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Query.ContainsKey("gone") ? 410 : 200;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync();
        var outcomes = new List<string>();
        var lags = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, harness.Meters) && instrument.Name is "sentier.webhooks.deliveries" or "sentier.webhooks.queue_lag")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => outcomes.Add((string)tags[0].Value!));
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => lags.Add(value));
        listener.Start();
        var (ok, _) = await harness.SubscribeAsync(receiver.Url);
        var (gone, _) = await harness.SubscribeAsync(new Uri(receiver.Url + "?gone=1"));

        await harness.EnqueueAsync(ok);
        await harness.EnqueueAsync(gone);
        await harness.RunUntilIdleAsync();

        Assert.Equal(["delivered", "failed"], outcomes.Order());
        Assert.Equal(2, lags.Count);
        Assert.All(lags, lag => Assert.InRange(lag, 0, 60));
    }
}
