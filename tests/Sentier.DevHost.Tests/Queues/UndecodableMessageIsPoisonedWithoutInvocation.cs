using Azure.Storage.Queues;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>With Base64 messages configured, a message that is not Base64 goes straight to the poison queue; the function never runs.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class UndecodableMessageIsPoisonedWithoutInvocation
{
    [Fact]
    public async Task PoisonedWithItsBodyAndNeverInvoked()
    {
        await using var host = await SampleHost.StartAsync();
        var raw = new QueueClient(TestStorage.ConnectionString, host.RecordQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var poison = SampleHost.Poison(host.RecordQueue);
        var body = $"not base64 !! {host.RunId}";

        await raw.SendMessageAsync(body);

        await Eventually.TrueAsync(async () => await poison.CountAsync() == 1, "the message in the poison queue");
        await Eventually.TrueAsync(async () => await raw.CountAsync() == 0, "the message to leave the queue");
        Assert.Equal([body], await poison.PeekBodiesAsync());
        Assert.Equal(0, SampleQueueFunctions.Received.Count(body));
    }
}
