using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Each delivery counts once when it ends, by final outcome, and each attempt records its queue
/// lag: how long after it was due it started, a retry's backoff not included.
/// </summary>
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
        using var listener = harness.Listen(
            (instrument, value, outcome) =>
            {
                if (instrument == "sentier.webhooks.queue_lag")
                {
                    lags.Add(value);
                }
                else
                {
                    outcomes.Add(outcome!);
                }
            },
            "sentier.webhooks.deliveries",
            "sentier.webhooks.queue_lag");
        var (ok, _) = await harness.SubscribeAsync(receiver.Url);
        var (gone, _) = await harness.SubscribeAsync(new Uri(receiver.Url + "?gone=1"));

        await harness.EnqueueAsync(ok);
        await harness.EnqueueAsync(gone);
        await harness.RunUntilIdleAsync();

        Assert.Equal(["delivered", "failed"], outcomes.Order());
        Assert.Equal(2, lags.Count);
        Assert.All(lags, lag => Assert.InRange(lag, 0, 60));
    }

    [Fact]
    public async Task QueueLagCountsFromWhenARetryWasDueNotFromWhenItWasSent()
    {
        var calls = 0;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? 503 : 200;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("3");
        var lags = new List<double>();
        using var listener = harness.Listen((_, value, _) => lags.Add(value), "sentier.webhooks.queue_lag");
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();

        var retry = await Eventually.ReadAsync(harness.TakeAsync, next => next is not null, TimeSpan.FromSeconds(10), "the retry to become visible");
        await harness.Step.ProcessAsync(retry!.Value.Message, retry.Value.Raw.InsertedOn, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
        Assert.True(DateTimeOffset.UtcNow - retry.Value.Raw.InsertedOn!.Value > TimeSpan.FromSeconds(2));
        Assert.Equal(2, lags.Count);
        Assert.All(lags, lag => Assert.InRange(lag, 0, 1.5));
    }
}
