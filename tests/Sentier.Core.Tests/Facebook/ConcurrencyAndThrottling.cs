using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>The form's lease keeps a second worker out; a throttled Page backs off while another Page's form syncs.</summary>
public sealed class ConcurrencyAndThrottling
{
    [Fact]
    public async Task Two_workers_never_sync_one_form_at_once()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(150, DateTimeOffset.UtcNow.AddMinutes(-2));
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        h.Graph.BeforeLeadsPage = async (_, page, _) =>
        {
            if (page == 0)
            {
                holding.TrySetResult();
                await release.Task;
            }
        };

        var first = h.SyncAsync();
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await h.SyncAsync();
        release.SetResult();

        Assert.Equal(SyncOutcome.Busy, second);
        Assert.Equal(SyncOutcome.Completed, await first);
        // The second worker asked the first to read again: two pages, twice; each lead still imported once.
        Assert.Equal(4, h.Graph.LeadsRequests(FacebookHarness.FormId));
        Assert.Equal(150, (await h.FormAsync()).Tally.Imported);
        Assert.Equal(150, (await h.ContactRowsAsync()).Count);
    }

    [Fact]
    public async Task A_throttled_page_backs_off_while_another_page_syncs()
    {
        await using var h = await FacebookHarness.CreateAsync();
        const string otherPage = FacebookHarness.OtherPageId;
        const string otherForm = FacebookHarness.OtherFormId;
        await h.ConnectAsync(otherPage, h.AddOtherPage());
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        await h.PutFormAsync(new { connection_id = otherPage }, otherForm);
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2), prefix: "other", formId: otherForm, firstId: 100);
        h.Graph.ThrottledForms[FacebookHarness.FormId] = 7;
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(SyncOutcome.Throttled, await h.SyncAsync());
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync(otherForm));

        var throttled = await h.FormAsync();
        Assert.InRange(throttled.NextSyncUtc!.Value, before.AddMinutes(7), DateTimeOffset.UtcNow.AddMinutes(7).AddSeconds(1));
        Assert.Contains("80001", throttled.LastError, StringComparison.Ordinal);
        var connection = await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None);
        Assert.Equal(throttled.NextSyncUtc, connection!.ThrottledUntil);
        Assert.Equal(5, (await h.FormAsync(otherForm)).Tally.Imported);

        // While the back-off lasts, the sync asks Graph nothing.
        var requests = h.Graph.LeadsRequests(FacebookHarness.FormId);
        Assert.Equal(SyncOutcome.Throttled, await h.SyncAsync());
        Assert.Equal(requests, h.Graph.LeadsRequests(FacebookHarness.FormId));
    }

    [Fact]
    public async Task A_revoked_token_marks_the_connection_needs_reauthorization_until_it_is_reconnected()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(3, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.RevokedTokens[h.PageToken] = true;

        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());

        var connection = await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None);
        Assert.Equal(ConnectionStatus.NeedsReauthorization, connection!.Status);
        Assert.Contains("190", connection.StatusReason, StringComparison.Ordinal);
        Assert.Contains("connect the Page again", (await h.FormAsync()).LastError, StringComparison.Ordinal);
        var requests = h.Graph.LeadsRequests(FacebookHarness.FormId);
        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());
        Assert.Equal(requests, h.Graph.LeadsRequests(FacebookHarness.FormId));

        var newToken = "EAAnew" + Guid.NewGuid().ToString("N");
        h.Graph.AddPage(FacebookHarness.PageId, "Dana's Bakery", newToken);
        await h.ConnectAsync(FacebookHarness.PageId, newToken);
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(3, (await h.FormAsync()).Tally.Imported);
    }
}
