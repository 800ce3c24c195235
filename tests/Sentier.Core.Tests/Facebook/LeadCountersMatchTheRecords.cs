using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// <c>leads_imported</c> and <c>leads_skipped</c> count the lead records, written with them: a
/// sync that stops after storing some pages (killed, or its lease taken over) leaves them counted,
/// and the sync that finishes the window counts only the rest.
/// </summary>
public sealed class LeadCountersMatchTheRecords
{
    [Fact]
    public async Task A_worker_killed_after_storing_pages_leaves_them_counted()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(300, DateTimeOffset.UtcNow.AddMinutes(-2));
        using var kill = new CancellationTokenSource();
        h.Graph.BeforeLeadsPage = async (_, page, _) =>
        {
            if (page == 2)
            {
                await kill.CancelAsync();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.SyncAsync(cancellationToken: kill.Token));
        Assert.Equal(200, (await h.FormAsync()).Tally.Imported);

        Assert.NotNull(await h.Forms.TryReplaceAsync(await h.FormAsync() with { LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1) }, CancellationToken.None));
        h.Graph.BeforeLeadsPage = null;
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        Assert.Equal(new LeadTally(300, 0), (await h.FormAsync()).Tally with { ETag = default });
    }

    [Fact]
    public async Task A_worker_whose_lease_was_taken_mid_sync_leaves_its_pages_counted()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(150, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.BeforeLeadsPage = async (_, page, _) =>
        {
            if (page == 1)
            {
                h.Graph.BeforeLeadsPage = null;
                var form = await h.FormAsync();
                Assert.NotNull(await h.Forms.TryReplaceAsync(form with { LeaseOwner = "taker", LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1) }, CancellationToken.None));
            }
        };

        Assert.Equal(SyncOutcome.Busy, await h.SyncAsync());
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        Assert.Equal(150, (await h.FormAsync()).Tally.Imported);
        Assert.Equal(150, (await h.LeadRecordsAsync()).Count);
    }
}
