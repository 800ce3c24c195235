using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// What a sync learns from Graph about a connection (its token refused, its Page throttled) is
/// written only to the connection as the sync read it: a reconnect that lands meanwhile keeps its
/// fresh token active, and of two throttles the later time stands.
/// </summary>
public sealed class AFailureSeenWithAnOldTokenSparesTheNewOne
{
    [Fact]
    public async Task A_reconnect_racing_a_refused_old_token_stays_active()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(3, DateTimeOffset.UtcNow.AddMinutes(-2));
        var newToken = "EAAnew" + Guid.NewGuid().ToString("N");
        h.Graph.BeforeLeadsPage = async (_, _, _) =>
        {
            // While the sync's request with the old token is under way, the user connects the Page
            // again, and the old token stops working.
            h.Graph.BeforeLeadsPage = null;
            h.Graph.AddPage(FacebookHarness.PageId, "Dana's Bakery", newToken);
            await h.ConnectAsync(FacebookHarness.PageId, newToken);
            h.Graph.RevokedTokens[h.PageToken] = true;
        };

        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());

        var connection = await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None);
        Assert.Equal(ConnectionStatus.Active, connection!.Status);
        Assert.Null(connection.StatusReason);
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(3, (await h.FormAsync()).Tally.Imported);
    }

    [Fact]
    public async Task Of_two_throttles_seen_at_once_the_later_time_stands()
    {
        await using var h = await FacebookHarness.CreateAsync();
        const string otherForm = "2000000002";
        h.Graph.AddForm(FacebookHarness.PageId, otherForm, "Other form", "email");
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, otherForm);
        h.Graph.ThrottledForms[FacebookHarness.FormId] = 30;
        h.Graph.ThrottledForms[otherForm] = 7;
        // Both syncs read the connection before either is told to wait; the shorter wait is written last.
        var bothAsking = new TaskCompletionSource();
        var asking = 0;
        var longerWritten = new TaskCompletionSource();
        h.Graph.BeforeLeadsPage = async (formId, _, _) =>
        {
            if (Interlocked.Increment(ref asking) == 2)
            {
                bothAsking.TrySetResult();
            }

            await bothAsking.Task;
            if (formId == otherForm)
            {
                await longerWritten.Task;
            }
        };

        var longer = h.SyncAsync();
        var shorter = h.SyncAsync(otherForm);
        Assert.Equal(SyncOutcome.Throttled, await longer);
        longerWritten.SetResult();
        Assert.Equal(SyncOutcome.Throttled, await shorter);

        var connection = await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None);
        Assert.Equal((await h.FormAsync()).NextSyncUtc, connection!.ThrottledUntil);
        Assert.True(connection.ThrottledUntil > DateTimeOffset.UtcNow.AddMinutes(25), $"throttled until {connection.ThrottledUntil}");
    }
}
