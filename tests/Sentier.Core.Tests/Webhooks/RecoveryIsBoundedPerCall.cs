using Sentier.Core.Common;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// One recover call sends at most <see cref="WebhookRecovery.MaxPerCall"/> failed deliveries again,
/// the newest first, and says whether more remain and what to call next; following that sends
/// each of the rest once, and none of those already sent again.
/// </summary>
public sealed class RecoveryIsBoundedPerCall
{
    private const string Since = "2020-01-01T00:00:00Z";

    [Fact]
    public async Task A_call_stops_at_its_bound_and_the_next_call_sends_the_rest()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var id = WebhookHarness.Id(subscription.Id);
        var now = DateTimeOffset.UtcNow;
        var failed = await AddFailedAsync(harness, subscription, [.. Enumerable.Range(1, WebhookRecovery.MaxPerCall + 5).Select(i => now.AddSeconds(-i))]);
        var tooOld = await AddFailedAsync(harness, subscription, [DateTimeOffset.Parse("2019-12-31T23:59:59Z", System.Globalization.CultureInfo.InvariantCulture)]);

        var first = await harness.Service.RecoverAsync(harness.AccountId, id, Since, null, CancellationToken.None);
        var leftAfterFirst = await IdsAsync(harness, subscription, DeliveryStatus.Failed);
        var second = await harness.Service.RecoverAsync(harness.AccountId, id, Since, first.Continuation, CancellationToken.None);

        Assert.Equal((WebhookRecovery.MaxPerCall, true), (first.Recovered, first.More));
        Assert.Equal($"/api/webhooks/{id}/recover?since=2020-01-01T00%3A00%3A00Z&Continuation={first.Continuation}", first.Next);
        Assert.Equal([.. failed.TakeLast(5).Select(delivery => delivery.Id), tooOld[0].Id], leftAfterFirst);
        Assert.Equal((5, false, null, null), (second.Recovered, second.More, second.Continuation, second.Next));
        Assert.Equal([tooOld[0].Id], await IdsAsync(harness, subscription, DeliveryStatus.Failed));
        var pending = await ListAsync(harness, subscription, DeliveryStatus.Pending);
        Assert.Equal(failed.Select(delivery => delivery.Id), pending.Select(delivery => delivery.Id));
        Assert.All(pending, delivery => Assert.Equal(3, delivery.Sequence));
    }

    [Fact]
    public async Task A_continuation_of_another_range_or_not_issued_here_is_refused()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var id = WebhookHarness.Id(subscription.Id);
        var oldest = DateTimeOffset.UtcNow.AddHours(-1);
        await AddFailedAsync(harness, subscription, [.. Enumerable.Range(1, WebhookRecovery.MaxPerCall + 1).Select(i => oldest.AddSeconds(i))]);
        var first = await harness.Service.RecoverAsync(harness.AccountId, id, Since, null, CancellationToken.None);

        var otherRange = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            harness.Service.RecoverAsync(harness.AccountId, id, ApiDates.Format(DateTimeOffset.UtcNow.AddMinutes(-1)), first.Continuation, CancellationToken.None));
        var forged = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            harness.Service.RecoverAsync(harness.AccountId, id, Since, "not-a-token", CancellationToken.None));

        Assert.Contains("'Continuation'", otherRange.Message, StringComparison.Ordinal);
        Assert.Contains("'Continuation'", forged.Message, StringComparison.Ordinal);
        Assert.True(first.More);
        Assert.Single(await IdsAsync(harness, subscription, DeliveryStatus.Failed));
    }

    /// <summary>Failed deliveries created at the given times, newest first as the log lists them.</summary>
    private static async Task<List<WebhookDelivery>> AddFailedAsync(DeliveryHarness harness, WebhookSubscription subscription, IReadOnlyList<DateTimeOffset> times)
    {
        var deliveries = times.Select(created =>
        {
            var eventId = "evt_" + Guid.NewGuid().ToString("N");
            return new WebhookDelivery(
                harness.AccountId, subscription.Id, WebhookDeliveryStore.IdOf(created, eventId), eventId, "contact_change",
                WebhookDeliveryService.MessageId(harness.AccountId, subscription.Id, eventId), "{}"u8.ToArray(),
                DeliveryStatus.Failed, "http_error: 500", 2, 4, created, created, null, []);
        }).ToList();
        var stored = await harness.Store.AddNewAsync(deliveries, CancellationToken.None);
        return [.. stored.Select(row => row.Delivery).OrderBy(delivery => delivery.Id, StringComparer.Ordinal)];
    }

    private static async Task<List<WebhookDelivery>> ListAsync(DeliveryHarness harness, WebhookSubscription subscription, DeliveryStatus status) =>
        [.. (await harness.Store.ListAsync(harness.AccountId, subscription.Id, status, new PageRequest(1, 5000, null), CancellationToken.None)).Items];

    private static async Task<List<string>> IdsAsync(DeliveryHarness harness, WebhookSubscription subscription, DeliveryStatus status) =>
        [.. (await ListAsync(harness, subscription, status)).Select(delivery => delivery.Id)];
}
