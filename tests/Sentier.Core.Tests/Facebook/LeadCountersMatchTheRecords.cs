using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// <c>leads_imported</c> and <c>leads_skipped</c> count the lead records, written with them: a
/// sync whose lease is taken over after it stored some pages leaves them counted, and the sync that
/// finishes the window counts only the rest (a killed worker: <see cref="SyncsSurviveWorkerFailures"/>).
/// </summary>
public sealed class LeadCountersMatchTheRecords
{
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
