using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>
/// The DevHost creates every trigger queue and its poison queue before it reports started, so a
/// producer that sends right after start (without creating the queue itself) is not refused.
/// </summary>
[Collection(SampleHostCollection.Name)]
public sealed class TriggerQueuesExistOnceTheHostHasStarted
{
    [Fact]
    public async Task AllQueuesExistAndAMessageSentAtOnceIsDelivered()
    {
        await using var host = SampleHost.Create();
        var body = $"sent at start {host.RunId}";

        await host.StartAsync();
        var existing = new List<string>();
        var send = SampleHost.Queue(host.RecordQueue).SendMessageAsync(body);
        await foreach (var queue in SampleHost.Queues.GetQueuesAsync(prefix: host.QueuePrefix))
        {
            existing.Add(queue.Name);
        }

        await send;

        var expected = host.TriggerQueues.SelectMany(q => new[] { q, q + "-poison" });
        Assert.Equal(expected.Order(StringComparer.Ordinal), existing.Order(StringComparer.Ordinal));
        await Eventually.TrueAsync(() => SampleQueueFunctions.Received.Count(body) == 1, "the message sent right after start to be processed");
    }
}
