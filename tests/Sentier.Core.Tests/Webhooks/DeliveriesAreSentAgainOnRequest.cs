using Sentier.Core.Common;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Redeliver and recover start a new attempt series with the same payload and <c>webhook-id</c>; a
/// poisoned message marks its delivery failed so that it can be sent again.
/// </summary>
public sealed class DeliveriesAreSentAgainOnRequest
{
    [Fact]
    public async Task RedeliverSendsTheSameEventAgain()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, secret) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();

        await harness.Service.RedeliverAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), delivery.Id, CancellationToken.None);
        await harness.RunUntilIdleAsync();

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.All(receiver.Requests, request =>
        {
            Assert.Equal(delivery.MessageId, request.Headers["webhook-id"]);
            Assert.True(StandardWebhooksVerifier.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        });
        var stored = await harness.ReadAsync(delivery);
        Assert.Equal((DeliveryStatus.Delivered, 2), (stored.Status, stored.Attempts.Count));
    }

    [Fact]
    public async Task APendingDeliveryIsNotRedelivered()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var delivery = await harness.EnqueueAsync(subscription);

        await Assert.ThrowsAsync<ConflictException>(() =>
            harness.Service.RedeliverAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), delivery.Id, CancellationToken.None));
    }

    [Fact]
    public async Task RecoverSendsEveryFailedDeliverySinceAGivenTime()
    {
        var failing = true;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) ? 500 : 200;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("0");
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var id = WebhookHarness.Id(subscription.Id);
        var old = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        await Task.Delay(50);
        // Deliveries are keyed by their event's time, which has milliseconds.
        var since = DateTimeOffset.UtcNow;
        since = since.AddTicks(-(since.Ticks % TimeSpan.TicksPerMillisecond));
        var recent = new[] { await harness.EnqueueAsync(subscription), await harness.EnqueueAsync(subscription) };
        await harness.RunUntilIdleAsync();
        Volatile.Write(ref failing, false);

        var recovered = await harness.Service.RecoverAsync(harness.AccountId, id, since.ToString("O"), null, CancellationToken.None);
        await harness.RunUntilIdleAsync();

        Assert.Equal((2, false), (recovered.Recovered, recovered.More));
        Assert.All(recent, delivery => Assert.Equal(DeliveryStatus.Delivered, harness.ReadAsync(delivery).Result.Status));
        Assert.Equal(DeliveryStatus.Failed, (await harness.ReadAsync(old)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("yesterday")]
    [InlineData("2999-01-01T00:00:00Z")]
    public async Task RecoverNeedsAPastTime(string? since)
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            harness.Service.RecoverAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), since, null, CancellationToken.None));

        Assert.Contains("'since'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APoisonedMessageFailsItsDeliveryWhichCanThenBeRedelivered()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var (message, _) = (await harness.TakeAsync())!.Value;

        await harness.Service.MarkPoisonedAsync(message, CancellationToken.None);

        var poisoned = await harness.ReadAsync(delivery);
        Assert.Equal(DeliveryStatus.Failed, poisoned.Status);
        Assert.StartsWith("poison", poisoned.Reason, StringComparison.Ordinal);

        await harness.Service.RedeliverAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), delivery.Id, CancellationToken.None);
        await harness.RunUntilIdleAsync();
        Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
        Assert.Single(receiver.Requests);
    }
}
