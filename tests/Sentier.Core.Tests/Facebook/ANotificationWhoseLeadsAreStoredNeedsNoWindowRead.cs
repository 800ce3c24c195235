using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A webhook message whose named leads are all stored by their direct read completes there: no
/// window read of the form (Graph's quota), no lease, and no extra round asked of a running sync.
/// </summary>
public sealed class ANotificationWhoseLeadsAreStoredNeedsNoWindowRead
{
    private const string NamedLead = "3900000004";

    [Fact]
    public async Task A_stored_named_lead_completes_the_message_without_reading_the_window()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var formId = await h.NewSyncedFormAsync();
        h.Graph.AddLead(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1), FakeGraphApi.Answers(("email", "named@example.com")));
        var work = await h.NotifyAsync(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());

        Assert.Equal(SyncOutcome.Completed, await h.Sync.SyncAsync(work, CancellationToken.None));

        Assert.NotNull(await h.ContactAsync("named@example.com"));
        Assert.Equal(0, h.Graph.LeadsRequests(formId));
        Assert.Null((await h.FormAsync(formId)).LastSyncedUtc);
    }

    [Fact]
    public async Task A_stored_named_lead_asks_a_running_sync_for_no_extra_round()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var formId = await h.NewSyncedFormAsync();
        h.AddLeads(3, DateTimeOffset.UtcNow.AddMinutes(-2), formId: formId);
        h.Graph.AddLead(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1), FakeGraphApi.Answers(("email", "named@example.com")));
        var work = await h.NotifyAsync(formId, NamedLead, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        h.Graph.BeforeLeadsPage = async (_, _, _) =>
        {
            holding.TrySetResult();
            await release.Task;
        };
        var running = h.SyncAsync(formId);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SyncOutcome.Completed, await h.Sync.SyncAsync(work, CancellationToken.None));
        Assert.False((await h.FormAsync(formId)).ResyncRequested);
        release.SetResult();

        Assert.Equal(SyncOutcome.Completed, await running);
        Assert.Equal(1, h.Graph.LeadsRequests(formId));
        Assert.Equal(4, (await h.FormAsync(formId)).Tally.Imported);
        Assert.Null(await h.ReceiveAsync());
    }
}
