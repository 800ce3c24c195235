using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// The checkpoint moves only once every lead before it is stored: a worker killed mid-sync or a
/// Graph outage mid-paging leaves it where it was, and the next sync stores the rest with no lead twice.
/// </summary>
public sealed class SyncsSurviveWorkerFailures
{
    [Fact]
    public async Task A_worker_killed_mid_sync_leaves_the_checkpoint_and_a_restart_imports_every_lead_once()
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

        var killed = await h.FormAsync();
        Assert.Null(killed.CheckpointUnix);
        Assert.NotNull(killed.LeaseOwner);
        Assert.Equal(200, (await h.LeadRecordsAsync()).Count);
        Assert.Equal(200, (await h.FormAsync()).Tally.Imported);
        Assert.Equal(SyncOutcome.Busy, await h.SyncAsync());

        // The dead worker's lease runs out (the Busy sync above asked it to read again: the row changed).
        Assert.NotNull(await h.Forms.TryReplaceAsync(await h.FormAsync() with { LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(-1) }, CancellationToken.None));
        h.Graph.BeforeLeadsPage = null;
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        Assert.Equal(300, (await h.LeadRecordsAsync()).Count);
        Assert.Equal(300, (await h.ContactRowsAsync()).Count);
        Assert.NotNull((await h.FormAsync()).CheckpointUnix);
        Assert.Equal(new LeadTally(300, 0), (await h.FormAsync()).Tally with { ETag = default });
    }

    [Fact]
    public async Task A_graph_outage_mid_paging_keeps_the_checkpoint_and_the_next_sync_completes()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(150, DateTimeOffset.UtcNow.AddMinutes(-2));
        // Once the first page is served, Graph answers 503 to more requests than the retries make.
        var served = 0;
        h.Graph.BeforeLeadsPage = (_, _, _) =>
        {
            if (Interlocked.Increment(ref served) == 1)
            {
                h.Graph.Faults.Enqueue(new FakeFault("/leads", times: 10, status: 503));
            }

            return Task.CompletedTask;
        };

        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());
        var failed = await h.FormAsync();
        Assert.Null(failed.CheckpointUnix);
        Assert.Contains("unavailable (HTTP 503)", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(100, failed.Tally.Imported);

        h.Graph.Faults.Clear();
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        var done = await h.FormAsync();
        Assert.NotNull(done.CheckpointUnix);
        Assert.Null(done.LastError);
        Assert.Equal(150, done.Tally.Imported);
        Assert.Equal(150, (await h.ContactRowsAsync()).Count);
    }

    [Fact]
    public async Task Transient_5xx_blips_are_retried_by_the_resilience_handler()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(120, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.Faults.Enqueue(new FakeFault("/leads", times: 2, status: 500));

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        Assert.Equal(120, (await h.FormAsync()).Tally.Imported);
        Assert.Equal(4, h.Graph.LeadsRequests(FacebookHarness.FormId));
    }
}
