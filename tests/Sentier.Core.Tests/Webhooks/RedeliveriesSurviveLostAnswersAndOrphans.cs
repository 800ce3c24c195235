using Azure.Core;
using Microsoft.Extensions.Options;
using Sentier.Core.Tests.Tokens;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A redelivery sends its message, then writes the row. When the answer to the row write is lost,
/// the storage client's repeat fails against the redelivery's own write, which is recognised and
/// reported as started. When the row write never happens (a crash), the message left behind names
/// a token no row holds: it is dropped, and neither sends nor fails a later series, even once the
/// queue gives up on it and it comes back through the poison path.
/// </summary>
public sealed class RedeliveriesSurviveLostAnswersAndOrphans
{
    [Fact]
    public async Task ARedeliveryWhoseAnswerWasLostIsReportedAsStarted()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        var traffic = StorageTraffic.Create();
        traffic.LoseNextAnswer(RequestMethod.Put, $"RowKey='{delivery.Id}')");
        var service = new WebhookDeliveryService(new WebhookDeliveryStore(traffic.Tables), harness.Queue, harness.Webhooks.Service, Options.Create(new WebhookOptions()), harness.Metrics, TimeProvider.System);

        var started = await service.RedeliverAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), delivery.Id, CancellationToken.None);

        Assert.Equal(DeliveryStatus.Pending, started.Status);
        await harness.RunUntilIdleAsync();
        Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task TheOrphanOfACrashedRedeliveryNeitherSendsNorFailsALaterOne()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        var ended = await harness.ReadAsync(delivery);

        // A redelivery that crashed after sending its message: the message of the series it would have started, no row write.
        var orphan = (ended with { Status = DeliveryStatus.Pending, Sequence = ended.Sequence + 1, Token = WebhookDelivery.NewToken() }).Message();
        await harness.Service.RedeliverAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), delivery.Id, CancellationToken.None);
        var legitimate = await harness.ReadAsync(delivery);
        Assert.Equal(orphan.Sequence, legitimate.Sequence);

        await harness.Step.ProcessAsync(orphan, DateTimeOffset.UtcNow, CancellationToken.None);
        await harness.Service.MarkPoisonedAsync(orphan, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Pending, legitimate.Token), ((await harness.ReadAsync(delivery)).Status, (await harness.ReadAsync(delivery)).Token));
        Assert.Single(receiver.Requests);
        await harness.RunUntilIdleAsync();
        Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
        Assert.Equal(2, receiver.Requests.Count);
    }
}
