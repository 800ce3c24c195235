using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A form's lease lasts longer than the slowest Graph call plus a page's store, and a worker whose
/// lease was taken while it waited on Graph writes nothing of the page it then receives.
/// </summary>
public sealed class TheLeaseOutlastsAGraphCallAndIsCheckedBeforeEachPage
{
    [Fact]
    public async Task A_worker_that_lost_its_lease_during_a_graph_call_stores_nothing_of_that_page()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(150, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.BeforeLeadsPage = async (_, page, _) =>
        {
            if (page == 1)
            {
                // While this worker waits on Graph, its lease runs out and another worker takes the form.
                var form = await h.FormAsync();
                Assert.NotNull(await h.Forms.TryReplaceAsync(form with { LeaseOwner = "taker", LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(5) }, CancellationToken.None));
            }
        };

        Assert.Equal(SyncOutcome.Busy, await h.SyncAsync());

        Assert.Equal(100, (await h.LeadRecordsAsync()).Count);
        Assert.Equal(100, (await h.ContactRowsAsync()).Count);
        Assert.Equal("taker", (await h.FormAsync()).LeaseOwner);
    }

    [Fact]
    public async Task The_lease_outlasts_the_graph_call_budget_plus_a_page_store()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        var leased = new TaskCompletionSource<FacebookForm>();
        h.Graph.BeforeLeadsPage = async (_, _, _) => leased.TrySetResult(await h.FormAsync());

        var started = DateTimeOffset.UtcNow;
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        var form = await leased.Task;
        var budget = h.Services.GetRequiredService<IOptions<FacebookOptions>>().Value.GraphCallBudget;
        Assert.True(form.LeaseUntil - started >= budget + FacebookOptions.PageStoreBudget, $"lease {form.LeaseUntil - started} vs Graph call budget {budget}");
    }
}
