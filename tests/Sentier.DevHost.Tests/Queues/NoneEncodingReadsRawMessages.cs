using Azure.Storage.Queues;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>With <c>messageEncoding: none</c> in host.json the DevHost reads message bodies as sent, without Base64.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class NoneEncodingReadsRawMessages
{
    [Fact]
    public async Task PlainTextIsDeliveredAsIs()
    {
        await using var host = await SampleHost.StartAsync(SampleHost.FastQueuesHostJson.Replace("\"base64\"", "\"none\"", StringComparison.Ordinal));
        var raw = new QueueClient(TestStorage.ConnectionString, host.RecordQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var body = $"plain text !! {host.RunId}";

        await raw.SendMessageAsync(body);

        await Eventually.TrueAsync(() => SampleQueueFunctions.Received.Count(body) == 1, "the raw message to be delivered");
        await Eventually.TrueAsync(async () => await raw.CountAsync() == 0, "the message to be deleted");
        Assert.Equal(0, await SampleHost.Poison(host.RecordQueue).CountAsync());
    }
}
