using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Deliveries through the queue after a rotation carry two signatures for 24 hours, each valid for
/// its secret by the verifier written from the Standard Webhooks spec; after that only the new one.
/// </summary>
public sealed class RotatedSecretsBothVerifyDeliveries
{
    [Fact]
    public async Task EachSecretVerifiesForADayThenOnlyTheNewOne()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync(fakeClock: true);
        var (subscription, old) = await harness.SubscribeAsync(receiver.Url);
        var current = await harness.Webhooks.Service.RotateSecretAsync(harness.AccountId, WebhookHarness.Id(subscription.Id), CancellationToken.None);

        await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();
        harness.Webhooks.Time.Advance(WebhookSubscription.RotationOverlap);
        await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();

        var (during, after) = (receiver.Requests[0], receiver.Requests[1]);
        Assert.Equal(2, during.Headers["webhook-signature"].Split(' ').Length);
        Assert.True(Verify(current, during));
        Assert.True(Verify(old, during));
        Assert.Single(after.Headers["webhook-signature"].Split(' '));
        Assert.True(Verify(current, after));
        Assert.False(Verify(old, after));
    }

    private static bool Verify(string secret, ReceivedRequest request) =>
        StandardWebhooksVerifier.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]);
}
