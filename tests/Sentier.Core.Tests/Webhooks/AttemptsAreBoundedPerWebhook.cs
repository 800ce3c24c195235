using System.Diagnostics;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// One instance runs at most <c>Webhooks:MaxConcurrentAttemptsPerWebhook</c> attempts of a webhook
/// at once. Messages beyond it wait a moment for a slot, then go back to the queue with a short delay
/// (the same row, number and token: nothing is lost or sent twice), so a hanging receiver holds only
/// its own slots and another webhook's delivery goes straight through.
/// </summary>
public sealed class AttemptsAreBoundedPerWebhook
{
    [Fact]
    public async Task AHangingReceiverHoldsOnlyItsOwnSlotsAndEveryDeliveryStillArrives()
    {
        using var release = new CancellationTokenSource();
        var inFlight = 0;
        var mostInFlight = 0;
        await using var slow = await LoopbackReceiver.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            try
            {
                await Task.Delay(Timeout.Infinite, release.Token);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        await using var fast = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync(options: new WebhookOptions { MaxConcurrentAttemptsPerWebhook = 2, AttemptTimeoutSeconds = 30 });
        var deferrals = 0;
        using var listener = harness.Listen((_, value, _) => Interlocked.Add(ref deferrals, (int)value), "sentier.webhooks.deferrals");
        var (slowWebhook, _) = await harness.SubscribeAsync(slow.Url);
        var (fastWebhook, _) = await harness.SubscribeAsync(fast.Url);
        var slowDeliveries = new List<WebhookDelivery>();
        for (var i = 0; i < 6; i++)
        {
            slowDeliveries.Add(await harness.EnqueueAsync(slowWebhook));
        }

        var fastDelivery = await harness.EnqueueAsync(fastWebhook);
        var messages = new List<Task>();
        while (await harness.TakeAsync() is { } next)
        {
            messages.Add(harness.Step.ProcessAsync(next.Message, next.Raw.InsertedOn, CancellationToken.None));
        }

        var clock = Stopwatch.StartNew();
        await Eventually.ReadAsync(() => harness.ReadAsync(fastDelivery), delivery => delivery.Status == DeliveryStatus.Delivered,
            TimeSpan.FromSeconds(5), "the fast webhook's delivery");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the fast delivery took {clock.Elapsed.TotalSeconds:0.0} s");
        await Eventually.ReadAsync(() => Task.FromResult(Volatile.Read(ref deferrals)), count => count == 4, TimeSpan.FromSeconds(5), "four deferrals");
        Assert.Equal(2, Volatile.Read(ref mostInFlight));
        Assert.All(await Task.WhenAll(slowDeliveries.Select(harness.ReadAsync)), delivery => Assert.Equal((DeliveryStatus.Pending, 0), (delivery.Status, delivery.Attempts.Count)));

        await release.CancelAsync();
        await Task.WhenAll(messages);
        await Eventually.ReadAsync(
            async () =>
            {
                await harness.RunUntilIdleAsync();
                return await Task.WhenAll(slowDeliveries.Select(harness.ReadAsync));
            },
            deliveries => deliveries.All(delivery => delivery.Status == DeliveryStatus.Delivered), TimeSpan.FromSeconds(20), "every slow delivery");
        Assert.Equal(6, slow.Requests.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
