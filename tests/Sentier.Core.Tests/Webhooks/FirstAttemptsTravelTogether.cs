using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Deliveries enqueued together go out in first messages of up to <see cref="WebhookDeliveryMessage.MaxBatch"/>
/// deliveries of one webhook, oldest event first: queue operations, which bound a storage account's
/// delivery rate, fall that many times. Each delivery in such a message is still its own: dropped
/// when its row no longer waits for the message, put off with the rest when its webhook has no free
/// slot (and found by a copy of the message handled on the same instance), sent back alone when its
/// attempt throws, not sent once the webhook is disabled by an earlier attempt of the message,
/// recorded failed when the message is poisoned, and never recorded over another writer's record.
/// </summary>
public sealed class FirstAttemptsTravelTogether
{
    [Fact]
    public async Task DeliveriesEnqueuedTogetherShareAMessagePerWebhookAndAllArriveOnce()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (busy, _) = await harness.SubscribeAsync(receiver.Url);
        var (quiet, _) = await harness.SubscribeAsync(receiver.Url);
        var deliveries = await harness.EnqueueTogetherAsync(20, busy);
        deliveries = [.. deliveries, .. await harness.EnqueueTogetherAsync(3, quiet)];

        // 20 for one webhook: 16 + 4; 3 for the other: one message.
        Assert.Equal(3, await harness.RunUntilIdleAsync());

        Assert.Equal(23, receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct().Count());
        Assert.Equal(23, receiver.Requests.Count);
        Assert.All(await Task.WhenAll(deliveries.Select(harness.ReadAsync)),
            delivery => Assert.Equal((DeliveryStatus.Delivered, 1), (delivery.Status, delivery.Attempts.Count)));
    }

    [Fact]
    public async Task AMessageHandledAgainSendsOnlyWhatStillWaitsForIt()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var deliveries = await harness.EnqueueTogetherAsync(4, subscription);
        var (message, raw) = (await harness.TakeAsync())!.Value;
        Assert.Equal(4, message.Batch?.Count);

        // One of them was redelivered meanwhile (its own message now), another's webhook log lost it.
        var redelivered = await harness.Store.TryReplaceAsync(deliveries[0] with { Sequence = 2, Token = WebhookDelivery.NewToken() }, CancellationToken.None);
        Assert.NotNull(redelivered);
        await harness.Store.DeleteAsync(deliveries[1], CancellationToken.None);
        await harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None);
        await harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal([DeliveryStatus.Pending, DeliveryStatus.Delivered, DeliveryStatus.Delivered],
            (await Task.WhenAll(deliveries.Where((_, i) => i != 1).Select(harness.ReadAsync))).Select(delivery => delivery.Status));
    }

    [Fact]
    public async Task DeliveriesThatFindNoFreeSlotGoBackToTheQueueAsOneMessage()
    {
        var calls = 0;
        await using var receiver = await LoopbackReceiver.StartAsync(
            _ => Interlocked.Increment(ref calls) == 1 ? Task.Delay(WebhookDeliveryStep.SlotWait * 1.5) : Task.CompletedTask);
        var harness = await DeliveryHarness.CreateAsync(options: new WebhookOptions { MaxConcurrentAttemptsPerWebhook = 1 });
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var deliveries = await harness.EnqueueTogetherAsync(3, subscription);
        var (message, raw) = (await harness.TakeAsync())!.Value;

        await harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None);

        Assert.Single(receiver.Requests);
        var put = (await Eventually.ReadAsync(harness.TakeAsync, next => next is not null, TimeSpan.FromSeconds(5), "the put-off message"))!.Value;
        Assert.Equal(1, put.Message.Deferrals);
        Assert.Equal(message.Batch!.Skip(1), put.Message.Batch!);
        await harness.Step.ProcessAsync(put.Message, put.Raw.InsertedOn, CancellationToken.None);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(await Task.WhenAll(deliveries.Select(harness.ReadAsync)),
            delivery => Assert.Equal((DeliveryStatus.Delivered, 1), (delivery.Status, delivery.Attempts.Count)));
    }

    [Fact]
    public async Task APoisonedMessageFailsEachDeliveryItNames()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var deliveries = await harness.EnqueueTogetherAsync(3, subscription);
        var (message, _) = (await harness.TakeAsync())!.Value;

        await harness.Service.MarkPoisonedAsync(message, CancellationToken.None);

        Assert.All(await Task.WhenAll(deliveries.Select(harness.ReadAsync)), delivery =>
        {
            Assert.Equal(DeliveryStatus.Failed, delivery.Status);
            Assert.StartsWith("poison:", delivery.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ARowAnotherWriterRecordedMeanwhileKeepsItsRecordAndTheOthersAreRecorded()
    {
        DeliveryHarness? harness = null;
        IReadOnlyList<WebhookDelivery> deliveries = [];
        var theirs = WebhookDelivery.NewToken();
        await using var receiver = await LoopbackReceiver.StartAsync(async context =>
        {
            // Another instance, handling a copy of the message, records the second delivery first.
            if (context.Request.Headers["webhook-id"] == deliveries[1].MessageId)
            {
                var row = await harness!.ReadAsync(deliveries[1]);
                await harness.Store.TryReplaceAsync(row with { Status = DeliveryStatus.Delivered, Sequence = 2, Token = theirs }, CancellationToken.None);
            }
        });
        harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        deliveries = await harness.EnqueueTogetherAsync(3, subscription);

        Assert.Equal(1, await harness.RunUntilIdleAsync());

        var read = await Task.WhenAll(deliveries.Select(harness.ReadAsync));
        Assert.All(read, delivery => Assert.Equal(DeliveryStatus.Delivered, delivery.Status));
        Assert.Equal(theirs, read[1].Token);
        Assert.Empty(read[1].Attempts);
        Assert.Single(read[0].Attempts);
        Assert.Single(read[2].Attempts);
    }

    [Fact]
    public async Task AMessageNamesItsDeliveriesOldestEventFirstAndAsManyAsTheSettingAllows()
    {
        var harness = await DeliveryHarness.CreateAsync(fakeClock: true);
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var pending = new List<WebhookDelivery>();
        for (var i = 0; i < 3; i++)
        {
            pending.Add(WebhookDeliveryService.NewDelivery(harness.AccountId, subscription, harness.Event(), harness.Clock.GetUtcNow()));
            harness.Webhooks.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await harness.Service.EnqueueManyAsync(pending, CancellationToken.None);
        var (message, _) = (await harness.TakeAsync())!.Value;
        Assert.Equal(pending.Select(delivery => delivery.Id), message.Batch!);

        Assert.Equal(3, WebhookDeliveryMessage.FirstMessages(pending, perMessage: 1).Count());
        Assert.Equal([2, 1], WebhookDeliveryMessage.FirstMessages(pending, perMessage: 2).Select(first => first.Each().Count()));
    }

    [Fact]
    public async Task LargePayloadsSplitMessagesSoAMessageHoldsAboutOneMebibyteOfEvents()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var large = Enumerable.Range(0, 5)
            .Select(_ => WebhookDeliveryService.NewDelivery(harness.AccountId, subscription, harness.Event(), harness.Clock.GetUtcNow())
                with { Payload = new byte[400 * 1024] })
            .ToList();

        var messages = WebhookDeliveryMessage.FirstMessages(large, WebhookDeliveryMessage.MaxBatch).ToList();

        Assert.Equal([2, 2, 1], messages.Select(message => message.Each().Count()));
    }

    [Fact]
    public async Task ACopyHandledOnTheSameInstanceWhileTheMessageRunsLosesNoDelivery()
    {
        var calls = 0;
        await using var receiver = await LoopbackReceiver.StartAsync(
            _ => Interlocked.Increment(ref calls) == 1 ? Task.Delay(WebhookDeliveryStep.SlotWait * 2.5) : Task.CompletedTask);
        var harness = await DeliveryHarness.CreateAsync(options: new WebhookOptions { MaxConcurrentAttemptsPerWebhook = 1 });
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var deliveries = await harness.EnqueueTogetherAsync(3, subscription);
        var (message, raw) = (await harness.TakeAsync())!.Value;

        // As the host does: whatever the queue offers meanwhile is handled at once, beside the first message.
        var handling = new List<Task> { harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None) };
        var read = await Eventually.ReadAsync(
            async () =>
            {
                while (await harness.TakeAsync() is { } next)
                {
                    handling.Add(harness.Step.ProcessAsync(next.Message, next.Raw.InsertedOn, CancellationToken.None));
                }

                return await Task.WhenAll(deliveries.Select(harness.ReadAsync));
            },
            rows => rows.All(row => row.Status == DeliveryStatus.Delivered), TimeSpan.FromSeconds(15), "every delivery");
        await Task.WhenAll(handling);

        Assert.All(read, delivery => Assert.Single(delivery.Attempts));
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task ADeliveryWhoseAttemptThrowsGoesBackAloneAndTheOthersAreRecorded()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var deliveries = await harness.EnqueueTogetherAsync(3, subscription);
        var (message, raw) = (await harness.TakeAsync())!.Value;
        var broken = message.Batch![1];
        var row = deliveries.Single(delivery => delivery.Id == broken);
        Assert.NotNull(await harness.Store.TryReplaceAsync(row with { Payload = "{not json"u8.ToArray() }, CancellationToken.None));

        await harness.Step.ProcessAsync(message, raw.InsertedOn, CancellationToken.None);

        Assert.Equal(2, receiver.Requests.Count);
        var read = await Task.WhenAll(deliveries.Select(harness.ReadAsync));
        Assert.Equal(2, read.Count(delivery => delivery.Status == DeliveryStatus.Delivered));
        Assert.Equal((DeliveryStatus.Pending, 1), read.Single(delivery => delivery.Id == broken) is var pending ? (pending.Status, pending.Sequence) : default);

        // Its own message, out of sight for the queue's retry delay: its retries and poison count are its own.
        Assert.Equal(1, (await harness.Queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, await harness.VisibleMessagesAsync());
    }

    [Fact]
    public async Task AfterA410OnlyTheAttemptsAlreadyInFlightReachTheReceiver()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            context.Response.StatusCode = StatusCodes.Status410Gone;
        });
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var deliveries = await harness.EnqueueTogetherAsync(12, subscription);

        Assert.Equal(1, await harness.RunUntilIdleAsync());

        Assert.InRange(receiver.Requests.Count, 1, new WebhookOptions().MaxConcurrentAttemptsPerWebhook);
        Assert.All(await Task.WhenAll(deliveries.Select(harness.ReadAsync)), delivery => Assert.Equal(DeliveryStatus.Failed, delivery.Status));
    }

    [Fact]
    public async Task AWebhookDisabledByAnAttemptGetsNoMoreRequestsFromTheSameMessage()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status410Gone;
            return Task.CompletedTask;
        });
        var harness = await DeliveryHarness.CreateAsync(options: new WebhookOptions { MaxConcurrentAttemptsPerWebhook = 1 });
        var (subscription, _) = await harness.SubscribeAsync(receiver.Url);
        var deliveries = await harness.EnqueueTogetherAsync(3, subscription);

        Assert.Equal(1, await harness.RunUntilIdleAsync());

        Assert.Single(receiver.Requests);
        Assert.All(await Task.WhenAll(deliveries.Select(harness.ReadAsync)), delivery => Assert.Equal(DeliveryStatus.Failed, delivery.Status));
    }
}
