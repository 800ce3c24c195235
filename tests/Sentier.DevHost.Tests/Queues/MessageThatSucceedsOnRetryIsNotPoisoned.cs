using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>A message that fails twice and succeeds on its third (last allowed) attempt is deleted, not poisoned.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class MessageThatSucceedsOnRetryIsNotPoisoned
{
    [Fact]
    public async Task InvokedThreeTimesAndDeleted()
    {
        await using var host = await SampleHost.StartAsync();
        var queue = SampleHost.Queue(host.FlakyQueue);
        var body = $"fails-twice {host.RunId}";

        await queue.SendMessageAsync(body);

        await Eventually.TrueAsync(() => SampleQueueFunctions.Flaky.Count(body) >= 3, "the third attempt");
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the message to be deleted");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, SampleQueueFunctions.Flaky.Count(body));
        Assert.Equal(0, await SampleHost.Poison(host.FlakyQueue).CountAsync());
    }
}
