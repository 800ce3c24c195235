using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The queue delivers at least once: a message handled a second time (its sequence is behind the
/// row's) sends nothing and changes nothing.
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
}
