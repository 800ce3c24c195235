using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>
/// host.json batchSize and newBatchThreshold bound how many messages one listener runs at once, as
/// in the host: with 4 and 2, the next batch comes once no more than 2 run, so 8 messages never
/// overlap more than 6.
/// </summary>
[Collection(SampleHostCollection.Name)]
public sealed class BatchSizeBoundsConcurrency
{
    [Fact]
    public async Task AtMostBatchSizePlusThresholdAtOnceAndAllProcessed()
    {
        await using var host = SampleHost.Create();
        var queue = SampleHost.Queue(host.BatchQueue);
        await queue.CreateIfNotExistsAsync();
        for (var i = 0; i < 8; i++)
        {
            await queue.SendMessageAsync($"{host.RunId}|{i}");
        }

        // All 8 are waiting before the listener's first receive.
        await host.StartAsync();

        await Eventually.TrueAsync(
            () => SampleQueueFunctions.Batches.TryGetValue(host.RunId, out var p) && p.Completed == 8,
            "all 8 messages to be processed");
        var probe = SampleQueueFunctions.Batches[host.RunId];
        Assert.InRange(probe.MaxConcurrent, 2, 6);
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the messages to be deleted");
    }
}
