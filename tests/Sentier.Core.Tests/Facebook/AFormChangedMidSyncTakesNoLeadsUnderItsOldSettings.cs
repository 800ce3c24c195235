using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A form reconfigured, stopped or disconnected while its sync waits on Graph: the leads read go
/// where the form says when they are stored, or nowhere once it no longer syncs, and the reason it
/// was stopped stays in <c>last_error</c>.
/// </summary>
public sealed class AFormChangedMidSyncTakesNoLeadsUnderItsOldSettings
{
    private const string NamedLead = "3900000003";

    [Fact]
    public async Task A_named_lead_goes_to_the_group_the_form_was_moved_to_while_Graph_answered()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var (oldGroup, newGroup) = (await h.NewGroupAsync("Old"), await h.NewGroupAsync("New"));
        var formId = await h.NewSyncedFormAsync(new { connection_id = FacebookHarness.PageId, group_id = oldGroup });
        h.Graph.AddLead(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1), FakeGraphApi.Answers(("email", "moved@example.com")));
        var work = await h.NotifyAsync(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        h.Graph.BeforeLead = async _ => await h.PutFormAsync(new { connection_id = FacebookHarness.PageId, group_id = newGroup }, formId);

        await h.Sync.SyncAsync(work, CancellationToken.None);

        Assert.Equal([newGroup], (await h.ContactAsync("moved@example.com"))!.GroupIds);
    }

    [Fact]
    public async Task A_named_lead_read_while_the_Page_is_disconnected_is_not_imported()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var formId = await h.NewSyncedFormAsync();
        h.Graph.AddLead(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1), FakeGraphApi.Answers(("email", "gone@example.com")));
        var work = await h.NotifyAsync(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        h.Graph.BeforeLead = async _ => await h.Services.GetRequiredService<FacebookConnectionService>().DeleteAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None);

        Assert.Equal(SyncOutcome.NotActive, await h.Sync.SyncAsync(work, CancellationToken.None));

        Assert.Null(await h.ContactAsync("gone@example.com"));
        Assert.Empty(await h.LeadRecordsAsync(formId));
        Assert.Null(await h.ReceiveAsync());
    }

    [Fact]
    public async Task A_window_sync_stops_when_the_Page_is_disconnected_mid_read_and_keeps_the_reason()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(150, DateTimeOffset.UtcNow.AddMinutes(-1));
        h.Graph.BeforeLeadsPage = async (_, page, _) =>
        {
            if (page == 1)
            {
                await h.Services.GetRequiredService<FacebookConnectionService>().DeleteAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None);
            }
        };

        Assert.Equal(SyncOutcome.NotActive, await h.SyncAsync());

        var form = await h.FormAsync();
        Assert.Equal("The Page was disconnected.", form.LastError);
        Assert.Null(form.LeaseOwner);
        Assert.Equal(100, form.Tally.Imported);
        Assert.Null(form.CheckpointUnix);
    }
}
