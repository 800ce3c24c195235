using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The queue delivers at least once: a message handled a second time (its sequence is behind the
/// row's) sends nothing and changes nothing. Two copies handled at the same moment on one instance
/// send once; on two instances both may send (delivery is at least once, receivers deduplicate on
/// <c>webhook-id</c>), and the row records one attempt and one outcome.
/// </summary>
public sealed class DuplicateDeliveryMessagesSendOnce
{
    [Fact]
    public async Task TheSameMessageTwiceSendsOnce()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var (message, raw) = (await harness.TakeAsync())!.Value;

        await harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None);
        var afterFirst = await harness.ReadAsync(delivery);
        await harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None);

        Assert.Single(receiver.Requests);
        Assert.Equal(afterFirst.ETag, (await harness.ReadAsync(delivery)).ETag);
    }

    [Fact]
    public async Task AnOldRetryMessageAfterARedeliveryIsDropped()
    {
        var calls = 0;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? 500 : 200;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("0");
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var (first, raw) = (await harness.TakeAsync())!.Value;
        await harness.Step.ProcessAsync(first, raw.InsertedOn, CancellationToken.None);
        await harness.RunUntilIdleAsync();

        await harness.Step.ProcessAsync(first, raw.InsertedOn, CancellationToken.None);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
    }

    [Fact]
    public async Task TwoCopiesAtOnceOnOneInstanceSendOnce()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(_ => Task.Delay(TimeSpan.FromMilliseconds(300)));
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var (message, raw) = (await harness.TakeAsync())!.Value;

        await Task.WhenAll(
            harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None),
            harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None));

        Assert.Single(receiver.Requests);
        Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
    }

    /// <summary>
    /// One event's deliveries to two webhooks share a delivery id (it is unique within a webhook),
    /// so their first messages differ only in the webhook: both are sent, even at the same moment.
    /// </summary>
    [Fact]
    public async Task OneEventForTwoWebhooksAtOnceOnOneInstanceReachesBoth()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(_ => Task.Delay(TimeSpan.FromMilliseconds(300)));
        var harness = await DeliveryHarness.CreateAsync();
        var (first, _) = await harness.SubscribeAsync(receiver.Url);
        var (second, _) = await harness.SubscribeAsync(receiver.Url);
        var envelope = harness.Event();
        var deliveries = new[] { await harness.EnqueueAsync(first, envelope), await harness.EnqueueAsync(second, envelope) };
        Assert.Equal(deliveries[0].Id, deliveries[1].Id);
        var messages = new[] { (await harness.TakeAsync())!.Value, (await harness.TakeAsync())!.Value };

        await Task.WhenAll(messages.Select(taken => harness.Step.ProcessAsync(taken.Message, taken.Raw.InsertedOn, CancellationToken.None)));

        Assert.Equal(2, receiver.Requests.Count);
        foreach (var delivery in deliveries)
        {
            Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
        }
    }

    /// <summary>
    /// Claiming the attempt in the row before sending would stop the second POST at the cost of one
    /// more full-row write per attempt, and a claim left by a crash would still need the same
    /// resend; receivers deduplicate on <c>webhook-id</c> anyway, so the design stays at least once.
    /// </summary>
    [Fact]
    public async Task TwoCopiesAtOnceOnTwoInstancesMaySendTwiceButRecordOnce()
    {
        var arrived = 0;
        var bothArrived = new TaskCompletionSource();
        await using var receiver = await LoopbackReceiver.StartAsync(async _ =>
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothArrived.TrySetResult();
            }

            await bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
        });
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var (message, raw) = (await harness.TakeAsync())!.Value;

        await Task.WhenAll(
            harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None),
            harness.AnotherInstancesStep().ProcessAsync(message, raw.InsertedOn, CancellationToken.None));

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct());
        var stored = await harness.ReadAsync(delivery);
        Assert.Equal((DeliveryStatus.Delivered, 1), (stored.Status, stored.Attempts.Count));
    }
}
