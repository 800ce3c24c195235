using Sentier.Core.Common;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A webhook whose every attempt has failed for <c>Webhooks:DisableAfterFailingDays</c> (5) is
/// disabled, saying since when; a success starts the count again; <c>is_active: true</c> turns it
/// back on and recover sends what failed. The subscription row is written only when a run of
/// failures starts or ends, or the webhook is disabled. Runs on the fake clock.
/// </summary>
public sealed class FailingWebhooksAreDisabledAfterDays
{
    [Fact]
    public async Task FiveDaysOfFailuresDisableTheWebhookAndRecoverSendsWhatFailed()
    {
        var failing = true;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) ? 503 : 200;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("0", fakeClock: true);
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var since = harness.Webhooks.Time.GetUtcNow();

        var first = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        var started = await harness.Webhooks.GetAsync(subscription.Id);
        Assert.Equal(since, started.FailingSince);
        Assert.True(started.IsActive);

        harness.Webhooks.Time.Advance(TimeSpan.FromDays(4));
        var second = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        Assert.Equal(started.ETag, (await harness.Webhooks.GetAsync(subscription.Id)).ETag);

        harness.Webhooks.Time.Advance(TimeSpan.FromDays(1));
        var third = await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();

        var disabled = await harness.Webhooks.GetAsync(subscription.Id);
        Assert.False(disabled.IsActive);
        Assert.Contains(ApiDates.Format(since), disabled.DisabledReason, StringComparison.Ordinal);
        Assert.Contains("is_active: true", disabled.DisabledReason, StringComparison.Ordinal);
        var ended = await harness.ReadAsync(third);
        Assert.Equal(DeliveryStatus.Failed, ended.Status);
        Assert.Single(ended.Attempts);
        Assert.Equal(5, receiver.Requests.Count);

        Volatile.Write(ref failing, false);
        var enabled = await harness.Webhooks.UpdateAsync(subscription.Id, new { is_active = true });
        Assert.Equal((true, null, null), (enabled.IsActive, enabled.DisabledReason, enabled.FailingSince));
        var recovered = await harness.Service.RecoverAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), ApiDates.Format(since), null, CancellationToken.None);
        await harness.RunUntilIdleAsync();

        Assert.Equal(3, recovered.Recovered);
        foreach (var delivery in new[] { first, second, third })
        {
            Assert.Equal(DeliveryStatus.Delivered, (await harness.ReadAsync(delivery)).Status);
        }
    }

    [Fact]
    public async Task ASuccessStartsTheCountAgain()
    {
        var failing = true;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) ? 500 : 204;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync("0", fakeClock: true);
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        harness.Webhooks.Time.Advance(TimeSpan.FromDays(3));

        Volatile.Write(ref failing, false);
        await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        Assert.Null((await harness.Webhooks.GetAsync(subscription.Id)).FailingSince);

        Volatile.Write(ref failing, true);
        harness.Webhooks.Time.Advance(TimeSpan.FromDays(3));
        await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();

        var webhook = await harness.Webhooks.GetAsync(subscription.Id);
        Assert.True(webhook.IsActive);
        Assert.Equal(harness.Webhooks.Time.GetUtcNow(), webhook.FailingSince);
    }
}
