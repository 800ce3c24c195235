using Sentier.Core.Common;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// An account holds at most 50 subscriptions, counted exactly even when creates race on several
/// instances: the counter row changes under its ETag in the same transaction as the new row.
/// </summary>
public sealed class WebhookLimitPerAccount
{
    [Fact]
    public async Task TheFiftyFirstIsRefusedUntilOneIsDeleted()
    {
        var harness = await WebhookHarness.CreateAsync();
        for (var i = 0; i < WebhookSubscription.MaxPerAccount; i++)
        {
            await harness.CreateAsync(new { name = $"hook {i}" });
        }

        var before = await harness.SnapshotAsync();
        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() => harness.CreateAsync());
        var unchanged = await harness.SnapshotAsync();
        await harness.Service.DeleteAsync(harness.AccountId, "7", CancellationToken.None);
        var (replacement, _) = await harness.CreateAsync();

        Assert.Contains("50 webhooks", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Assert.Equal(51, replacement.Id);
        Assert.Equal(50, (await harness.ListAsync()).Count);
    }

    [Fact]
    public async Task ConcurrentCreatesOnSeveralInstancesStopAtFifty()
    {
        var harness = await WebhookHarness.CreateAsync();
        var instances = Enumerable.Range(0, 4).Select(_ => harness.AnotherInstance()).ToList();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 70).Select(async i =>
        {
            try
            {
                return (await instances[i % instances.Count].CreateAsync(new { name = $"racer {i}" })).Subscription.Id;
            }
            catch (InvalidRequestException)
            {
                return 0;
            }
        }));

        var created = attempts.Where(id => id > 0).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(id => (long)id), created);
        Assert.Equal(50, (await harness.ListAsync()).Count);
        Assert.Equal(50, await harness.Store.CountAsync(harness.AccountId, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentDeletesAndCreatesKeepTheCountExact()
    {
        var harness = await WebhookHarness.CreateAsync();
        for (var i = 0; i < 20; i++)
        {
            await harness.CreateAsync();
        }

        await Task.WhenAll(
            Enumerable.Range(1, 10).Select(id => harness.AnotherInstance().Service.DeleteAsync(harness.AccountId, WebhookHarness.Id(id), CancellationToken.None))
                .Concat(Enumerable.Range(0, 10).Select(_ => (Task)harness.AnotherInstance().CreateAsync())));

        Assert.Equal(20, (await harness.ListAsync()).Count);
        Assert.Equal(20, await harness.Store.CountAsync(harness.AccountId, CancellationToken.None));
    }
}
