using Microsoft.Extensions.Logging;
using Sentier.Core.Storage;
using Sentier.Core.Tests.Facebook;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The reader of <c>webhook-deliveries-poison</c> fails on nothing it is handed: a message that names
/// no delivery is logged and dropped, so <c>-poison-poison</c> receives only what storage failures poison.
/// </summary>
public sealed class PoisonedDeliveriesNeverPoisonAgain
{
    [Theory]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"accountId":"a/b","webhookId":1,"deliveryId":"x","sequence":1}""")]
    [InlineData("""{"accountId":"0123456789abcdef0123456789abcdef","webhookId":"one","deliveryId":"x","sequence":1}""")]
    [InlineData("""{"accountId":"0123456789abcdef0123456789abcdef","webhookId":1,"deliveryId":"../x","sequence":1}""")]
    public async Task AMessageNamingNoDeliveryIsLoggedAndDropped(string body)
    {
        using var logs = new CapturedLogs();
        var harness = await DeliveryHarness.CreateAsync();

        await new PoisonedDeliveries(harness.Service, LoggerFactory.Create(logging => logging.AddProvider(logs)).CreateLogger<PoisonedDeliveries>()).RecordAsync(BinaryData.FromString(body), CancellationToken.None);

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith(nameof(LogLevel.Warning), line, StringComparison.Ordinal);
        Assert.Contains(StorageNames.WebhookDeliveriesPoisonQueue, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageNamingItsDeliveryFailsIt()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var logs = new CapturedLogs();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var (_, raw) = (await harness.TakeAsync())!.Value;

        await new PoisonedDeliveries(harness.Service, LoggerFactory.Create(logging => logging.AddProvider(logs)).CreateLogger<PoisonedDeliveries>()).RecordAsync(raw.Body, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, (await harness.ReadAsync(delivery)).Status);
        Assert.Empty(logs.Lines);
        Assert.Empty(receiver.Requests);
    }
}
