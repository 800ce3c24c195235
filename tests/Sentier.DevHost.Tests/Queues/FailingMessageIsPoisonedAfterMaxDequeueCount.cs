using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>A message whose function always throws is tried maxDequeueCount times, then moved to &lt;queue&gt;-poison unchanged.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class FailingMessageIsPoisonedAfterMaxDequeueCount
{
    [Fact]
    public async Task InvokedThreeTimesThenPoisoned()
    {
        await using var host = await SampleHost.StartAsync();
        var queue = SampleHost.Queue(host.FailingQueue);
        var poison = SampleHost.Poison(host.FailingQueue);
        var body = $"always-fails {host.RunId}";

        await queue.SendMessageAsync(body);

        await Eventually.TrueAsync(async () => (await poison.PeekBodiesAsync()).Contains(body), "the message in the poison queue");
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the message to leave the queue");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, SampleQueueFunctions.Failing.Count(body));
        Assert.Equal([body], await poison.PeekBodiesAsync());
    }
}
