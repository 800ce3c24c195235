using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A failed attempt is retried by a new queue message hidden for the schedule's delay, with the same
/// <c>webhook-id</c>; after the last attempt the delivery is failed and stays in the log.
/// </summary>
public sealed class FailedDeliveriesAreRetriedOnSchedule
{
    [Fact]
    public async Task AReceiverFailingThreeTimesGetsTheEventOnTheFourthWithTheSameId()
    {
        var calls = 0;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) <= 3 ? 503 : 204;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("0,0,0,0");
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);

        var delivery = await harness.EnqueueAsync(subscription);
        Assert.Equal(4, await harness.RunUntilIdleAsync());

        Assert.Equal(4, receiver.Requests.Count);
        Assert.All(receiver.Requests, request => Assert.Equal(delivery.MessageId, request.Headers["webhook-id"]));
        var stored = await harness.ReadAsync(delivery);
        Assert.Equal(DeliveryStatus.Delivered, stored.Status);
        Assert.Equal([503, 503, 503, 204], stored.Attempts.Select(attempt => attempt.StatusCode));
    }

    [Fact]
    public async Task ARetryWaitsInTheQueueForItsJitteredDelay()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("60");
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);

        var before = DateTimeOffset.UtcNow;
        Assert.Equal(1, await harness.RunUntilIdleAsync());

        var stored = await harness.ReadAsync(delivery);
        Assert.Equal((DeliveryStatus.Pending, 2, 1), (stored.Status, stored.Sequence, stored.SeriesAttempts));
        var wait = stored.NextAttemptAt!.Value - before;
        Assert.InRange(wait.TotalSeconds, 60 * (1 - RetrySchedule.Jitter) - 1, 60 * (1 + RetrySchedule.Jitter) + 1);
        Assert.Equal(0, await harness.VisibleMessagesAsync());
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task AfterTheLastAttemptTheDeliveryIsFailedAndKept()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = 400;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("0,0");
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);

        Assert.Equal(3, await harness.RunUntilIdleAsync());

        var stored = await harness.ReadAsync(delivery);
        Assert.Equal(DeliveryStatus.Failed, stored.Status);
        Assert.Contains("all 3 attempts failed", stored.Reason, StringComparison.Ordinal);
        Assert.Equal(3, stored.Attempts.Count);
        Assert.Equal(0, await harness.VisibleMessagesAsync());
        var failed = await harness.Service.ListAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), "failed", Sentier.Core.Common.PageRequest.First, CancellationToken.None);
        Assert.Equal(delivery.Id, Assert.Single(failed.Items).Id);
    }
}
