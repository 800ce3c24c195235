using Sentier.Core.Common;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>A subscription's deliveries list newest first, by status, page by page; another account sees none of them.</summary>
public sealed class DeliveryLogListsNewestFirst
{
    [Fact]
    public async Task PagesAreNewestFirstAndFilteredByStatus()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var id = WebhookHarness.Id(subscription.Id);
        var enqueued = new List<WebhookDelivery>();
        for (var i = 0; i < 5; i++)
        {
            enqueued.Add(await harness.EnqueueAsync(subscription));
            await Task.Delay(2);
        }

        var first = await harness.Service.ListAsync(harness.AccountId, id, null, new PageRequest(1, 3, null), CancellationToken.None);
        var second = await harness.Service.ListAsync(harness.AccountId, id, null, PageRequest.Parse(null, "3", first.Continuation), CancellationToken.None);
        var delivered = await harness.Service.ListAsync(harness.AccountId, id, "Delivered", PageRequest.First, CancellationToken.None);

        Assert.Equal(enqueued.Select(d => d.Id).Reverse(), first.Items.Concat(second.Items).Select(d => d.Id));
        Assert.Null(second.Continuation);
        Assert.Empty(delivered.Items);
        await Assert.ThrowsAsync<InvalidRequestException>(() =>
            harness.Service.ListAsync(harness.AccountId, id, "sent", PageRequest.First, CancellationToken.None));
    }

    [Fact]
    public async Task AnotherAccountSeesNoneOfTheDeliveries()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var delivery = await harness.EnqueueAsync(subscription);
        var other = harness.Webhooks.AnotherAccount().AccountId;
        var id = WebhookHarness.Id(subscription.Id);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.Service.ListAsync(other, id, null, PageRequest.First, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.Service.GetAsync(other, id, delivery.Id, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.Service.RedeliverAsync(other, id, delivery.Id, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.Service.GetAsync(harness.AccountId, id, "d123", CancellationToken.None));
    }
}
