using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The dispatcher may take a record right after its commit, before a writer whose answer was lost
/// looks for it: the tombstone that replaces the record tells that writer the truth, and the sweep
/// deletes tombstones, and then the account's mark, once nobody can need them.
/// </summary>
public sealed class TombstonesKeepLostAnswersTrue
{
    [Fact]
    public async Task ATransactionRepeatedAfterItsRecordWasDispatchedReportsItsCommit()
    {
        var h = await DispatchHarness.CreateAsync();
        var batch = new ContactBatch(h.AccountId, ChangeSource.Api, "app-1", h.Contacts.Time.GetUtcNow());
        batch.Stage(null, ContactSamples.Create("""{"email":"dana@example.com"}""") with { Id = 41 });
        Assert.True(await h.Contacts.Store.TrySubmitAsync(batch, CancellationToken.None));
        await h.Dispatcher.DispatchAsync(h.AccountId, CancellationToken.None);
        Assert.Empty(await h.RecordsAsync());

        // The storage client's repeat of a commit whose answer was lost: it fails on the rows the commit wrote.
        var repeated = await h.Contacts.Store.TrySubmitAsync(batch, CancellationToken.None);

        Assert.True(repeated);
        Assert.Equal(ContactKeys.Dispatched(batch.ChangeKey!), Assert.Single(await h.TombstonesAsync()).RowKey);
    }

    [Fact]
    public async Task AnotherWritersTransactionIsStillALostRace()
    {
        var h = await DispatchHarness.CreateAsync();
        await h.Contacts.UpsertAsync("""{"email":"dana@example.com"}""");
        await h.Dispatcher.DispatchAsync(h.AccountId, CancellationToken.None);
        var batch = new ContactBatch(h.AccountId, ChangeSource.Api, "app-1", h.Contacts.Time.GetUtcNow());
        batch.Stage(null, ContactSamples.Create("""{"email":"dana@example.com"}""") with { Id = 42 });

        Assert.False(await h.Contacts.Store.TrySubmitAsync(batch, CancellationToken.None));
    }

    [Fact]
    public async Task TheSweepDeletesOldTombstonesThenTheMark()
    {
        var h = await DispatchHarness.CreateAsync();
        await h.Contacts.UpsertAsync("""{"email":"dana@example.com"}""");
        await h.Dispatcher.DispatchAsync(h.AccountId, CancellationToken.None);

        var young = await h.Sweep.RunAsync(CancellationToken.None);
        h.Contacts.Time.Advance(h.Options.Value.TombstoneAge + TimeSpan.FromSeconds(1));
        var old = await h.Sweep.RunAsync(CancellationToken.None);
        var marked = await h.Markers.ListAsync(CancellationToken.None).CountAsync(marker => marker.AccountId == h.AccountId);
        h.Contacts.Time.Advance(h.Options.Value.MarkerRefresh + OutboxSweep.MarkerGrace);
        var idle = await h.Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((0, 0), (young.Tombstones, young.Unmarked));
        Assert.Equal((1, 0), (old.Tombstones, old.Unmarked));
        Assert.Equal(1, marked);
        Assert.Equal(1, idle.Unmarked);
        Assert.Empty(await h.TombstonesAsync());
        Assert.Empty(await h.Markers.ListAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task AMarkIsKeptWhileRecordsWait()
    {
        var h = await DispatchHarness.CreateAsync(nudgesLost: true);
        await h.Contacts.UpsertAsync("""{"email":"dana@example.com"}""");
        var mark = await h.Markers.ListAsync(CancellationToken.None).SingleAsync();
        await h.Markers.MarkAsync(h.AccountId, mark.MarkedAt - h.Options.Value.MarkerRefresh - OutboxSweep.MarkerGrace, CancellationToken.None);

        // The mark is old enough to go, but the record is younger than the sweep's share: it waits.
        var result = await h.Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((0, 0), (result.Records, result.Unmarked));
        Assert.Single(await h.RecordsAsync());
        Assert.Single(await h.Markers.ListAsync(CancellationToken.None).ToListAsync());
    }
}
