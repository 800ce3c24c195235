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

        // What was on its way meanwhile is not sent, and recorded failed: recover sends it once the webhook is back on.
        var next = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        var held = await harness.ReadAsync(next);
        Assert.Equal(DeliveryStatus.Failed, held.Status);
        Assert.Contains("410 Gone", held.Reason, StringComparison.Ordinal);
        Assert.Empty(held.Attempts);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ADeliveryForAWebhookItsOwnerTurnedOffIsSkipped()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var delivery = await harness.EnqueueAsync(subscription);
        await harness.Webhooks.UpdateAsync(subscription.Id, new { is_active = false });

        await harness.RunUntilIdleAsync();

        var stored = await harness.ReadAsync(delivery);
        Assert.Equal((DeliveryStatus.Skipped, "the webhook is inactive"), (stored.Status, stored.Reason));
        Assert.Empty(stored.Attempts);
    }

    /// <summary>No log shows a deleted webhook's deliveries, so one still on its way removes its row rather than wait for retention.</summary>
    [Fact]
    public async Task ADeliveryForADeletedWebhookIsRemovedUnsent()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        await harness.Webhooks.Service.DeleteAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), CancellationToken.None);

        await harness.RunUntilIdleAsync();

        Assert.Null(await harness.Store.FindAsync(harness.AccountId, subscription.Id, delivery.Id, CancellationToken.None));
        Assert.Empty(receiver.Requests);
    }

    /// <summary>
    /// The 410 path disables the webhook, then records the delivery. When the record is lost (the
    /// instance stops between the two), the message runs again and must still record a failure
    /// caused by the receiver, not a skip as for a webhook its owner turned off.
    /// </summary>
    [Fact]
    public async Task A410WhoseRecordWasLostIsStillRecordedFailed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var delivery = await harness.EnqueueAsync(subscription);
        var message = (await harness.TakeAsync())!.Value;
        await harness.Webhooks.Service.DisableAsync(harness.AccountId, subscription.Id, "The receiver answered 410 Gone on 2026-01-01T00:00:00; turn the webhook back on with is_active: true.", CancellationToken.None);

        await harness.Step.ProcessAsync(message.Message, message.Raw.InsertedOn, CancellationToken.None);

        var stored = await harness.ReadAsync(delivery);
        Assert.Equal(DeliveryStatus.Failed, stored.Status);
        Assert.Contains("410 Gone", stored.Reason, StringComparison.Ordinal);
    }
}
