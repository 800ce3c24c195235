using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>410 Gone ends the delivery without a retry and turns the subscription off, saying why.</summary>
public sealed class GoneDisablesTheSubscription
{
    [Fact]
    public async Task A410FailsTheDeliveryAndDisablesTheWebhook()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);

        Assert.Equal(1, await harness.RunUntilIdleAsync());

        var stored = await harness.ReadAsync(delivery);
        Assert.Equal(DeliveryStatus.Failed, stored.Status);
        Assert.Contains("410", stored.Reason, StringComparison.Ordinal);
        var webhook = await harness.Webhooks.GetAsync(subscription.Id);
        Assert.False(webhook.IsActive);
        Assert.Contains("410 Gone", webhook.DisabledReason, StringComparison.Ordinal);

        // What is enqueued for it meanwhile is recorded as skipped, not sent.
        var next = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        var skipped = await harness.ReadAsync(next);
        Assert.Equal(DeliveryStatus.Skipped, skipped.Status);
        Assert.Contains("inactive", skipped.Reason, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ADeliveryForADeletedWebhookIsSkipped()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var delivery = await harness.EnqueueAsync(subscription);
        await harness.Webhooks.Service.DeleteAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), CancellationToken.None);

        await harness.RunUntilIdleAsync();

        var stored = await harness.ReadAsync(delivery);
        Assert.Equal((DeliveryStatus.Skipped, "the webhook was deleted"), (stored.Status, stored.Reason));
        Assert.Empty(stored.Attempts);
    }
}
