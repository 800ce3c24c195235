using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>A Base64 message reaches the function once, as the decoded string, and is deleted after it succeeds.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class Base64MessageIsDeliveredOnceThenDeleted
{
    [Fact]
    public async Task DeliveredOnceAsStringThenDeleted()
    {
        await using var host = await SampleHost.StartAsync();
        var queue = SampleHost.Queue(host.RecordQueue);
        var body = $"hello {host.RunId} ünïcode ✓";

        await queue.SendMessageAsync(body);

        await Eventually.TrueAsync(() => SampleQueueFunctions.Received.Count(body) >= 1, "the function to receive the decoded string");
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the message to be deleted");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, SampleQueueFunctions.Received.Count(body));
        Assert.Equal(0, await queue.CountAsync());
        Assert.Equal(0, await SampleHost.Poison(host.RecordQueue).CountAsync());
    }
}
