using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// The Graph client serves every Page of every account: a Page whose calls keep failing costs its
/// own retries and nothing else (no shared circuit breaker opens for all of them).
/// </summary>
public sealed class OneFailingPageDoesNotStopOtherPages
{
    [Fact]
    public async Task A_page_failing_many_calls_leaves_another_pages_form_syncing()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        const string failingPage = "1000000009";
        h.Graph.Faults.Enqueue(new FakeFault("/" + failingPage, times: 100_000, status: 500));
        var graph = h.Services.GetRequiredService<FacebookGraphClient>();

        // Enough failed calls (each retried) within seconds to trip any breaker shared by the client.
        var failing = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
            await Record.ExceptionAsync(() => graph.GetPageAsync(failingPage, "EAAfailing" + Guid.NewGuid().ToString("N"), CancellationToken.None))));
        Assert.All(failing, ex => Assert.Equal(GraphFailureKind.Unavailable, Assert.IsType<GraphException>(ex).Kind));

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(5, (await h.FormAsync()).Tally.Imported);
    }
}
