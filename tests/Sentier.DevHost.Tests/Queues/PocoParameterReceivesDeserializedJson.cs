using System.Text.Json;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>A parameter of a class type receives the message body deserialised from JSON (web defaults, as the worker).</summary>
[Collection(SampleHostCollection.Name)]
public sealed class PocoParameterReceivesDeserializedJson
{
    [Fact]
    public async Task JsonBodyBindsToRecord()
    {
        await using var host = await SampleHost.StartAsync();
        var queue = SampleHost.Queue(host.PocoQueue);
        var reference = $"order-{host.RunId}";
        var placedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));

        await queue.SendMessageAsync(JsonSerializer.Serialize(
            new { reference, quantity = 3, tags = new[] { "a", "b" }, placedAt },
            JsonSerializerOptions.Web));

        await Eventually.TrueAsync(() => SampleQueueFunctions.Orders.ContainsKey(reference), "the order to arrive");
        var order = SampleQueueFunctions.Orders[reference];
        Assert.Equal(3, order.Quantity);
        Assert.Equal(["a", "b"], order.Tags);
        Assert.Equal(placedAt, order.PlacedAt);
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "the message to be deleted");
    }
}
