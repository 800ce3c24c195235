using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A sync asked for while another worker holds the form (a <c>leadgen</c> webhook's, sync now) is
/// not lost: the holder reads Graph once more before it lets go, so the new lead lands at once,
/// not at the next poll.
/// </summary>
public sealed class ASyncAskedForDuringARunningSyncStillRuns
{
    [Fact]
    public async Task A_lead_announced_while_the_form_is_leased_lands_before_the_holder_lets_go()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var requests = 0;
        h.Graph.BeforeLeadsPage = async (_, _, _) =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                holding.TrySetResult();
                await release.Task;
            }
        };

        var running = h.SyncAsync();
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The holder's Graph read is under way; a new lead arrives and its webhook's sync finds the form leased.
        h.Graph.AddLead(FacebookHarness.FormId, "3999999999", DateTimeOffset.UtcNow.AddSeconds(-5), FakeGraphApi.Answers(("email", "late@example.com")));
        Assert.Equal(SyncOutcome.Busy, await h.SyncAsync());
        release.SetResult();

        Assert.Equal(SyncOutcome.Completed, await running);
        Assert.NotNull(await h.ContactAsync("late@example.com"));
        var form = await h.FormAsync();
        Assert.Equal(6, form.Tally.Imported);
        Assert.Null(form.LeaseOwner);
        Assert.False(form.ResyncRequested);
        Assert.Equal(2, h.Graph.LeadsRequests(FacebookHarness.FormId));
    }

    [Fact]
    public async Task A_sync_with_nothing_asked_meanwhile_reads_graph_once()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        Assert.Equal(1, h.Graph.LeadsRequests(FacebookHarness.FormId));
        Assert.Null((await h.FormAsync()).LeaseOwner);
    }
}
