using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// No event is lost when the nudge is: the account was marked before its transaction committed,
/// so the sweep finds the record once it is older than the prompt path's share
/// (<see cref="ChangeDispatchOptions.SweepAge"/>), and visits only marked accounts.
/// </summary>
public sealed class LostNudgesAreSwept
{
    [Fact]
    public async Task AWriteWhoseNudgeFailsIsDeliveredByTheSweep()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var h = await DispatchHarness.CreateAsync(nudgesLost: true);
        var (subscription, _) = await h.SubscribeAsync(receiver.Url, "contact_created");

        var contact = await h.Contacts.UpsertAsync("""{"email":"dana@example.com"}""");

        Assert.Equal(contact.Id, (await h.Contacts.GetAsync(contact.Id)).Id);
        Assert.Single(await h.RecordsAsync());
        var early = await h.Sweep.RunAsync(CancellationToken.None);
        Assert.Equal((0, 0), (early.Records, early.Failed));
        Assert.Single(await h.RecordsAsync());

        h.Contacts.Time.Advance(h.Options.Value.SweepAge + TimeSpan.FromSeconds(1));
        var swept = await h.Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((1, 1, 0), (swept.Accounts, swept.Records, swept.Failed));
        Assert.Empty(await h.RecordsAsync());
        Assert.Equal(["contact_created"], await h.DeliveredTypesAsync(subscription));
        await h.Deliveries.RunUntilIdleAsync();
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task AProcessThatDiesBetweenCommitAndNudgeLosesNothing()
    {
        var h = await DispatchHarness.CreateAsync();
        var (subscription, _) = await h.SubscribeAsync(LoopbackReceiver.ClosedUrl(), "contact_created");
        var dying = h.Contacts.Observed(h.AccountId, new DiesAfterCommit(h.Nudges));

        await dying.UpsertAsync("""{"email":"dana@example.com"}""");
        h.Contacts.Time.Advance(h.Options.Value.SweepAge + TimeSpan.FromSeconds(1));
        await h.Sweep.RunAsync(CancellationToken.None);

        Assert.Empty(await h.TakeNudgesAsync());
        Assert.Equal(["contact_created"], await h.DeliveredTypesAsync(subscription));
        Assert.Empty(await h.RecordsAsync());
    }

    [Fact]
    public async Task TheSweepLeavesUnmarkedAccountsAlone()
    {
        var h = await DispatchHarness.CreateAsync();
        var unmarked = h.Contacts.AnotherAccount();
        await unmarked.UpsertAsync("""{"email":"dana@example.com"}""");
        h.Contacts.Time.Advance(TimeSpan.FromMinutes(5));

        await h.Sweep.RunAsync(CancellationToken.None);

        Assert.Single(await unmarked.ReadRowsAsync(ContactKeys.ChangePrefix));
    }

    /// <summary>Marks the account as the real nudger does, then the process is gone: no nudge.</summary>
    private sealed class DiesAfterCommit(ChangeNudges nudges) : IChangeRecordObserver
    {
        public Task BeforeCommitAsync(string accountId, CancellationToken cancellationToken) => nudges.BeforeCommitAsync(accountId, cancellationToken);

        public Task CommittedAsync(string accountId) => Task.CompletedTask;
    }
}
