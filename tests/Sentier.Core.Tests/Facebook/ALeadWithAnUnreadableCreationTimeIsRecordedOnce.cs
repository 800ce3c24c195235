using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A lead Graph sends with an unreadable <c>created_time</c> is recorded as skipped and counted once,
/// however many syncs read it again; a lead without a usable id cannot be recorded and is not counted.
/// </summary>
public sealed class ALeadWithAnUnreadableCreationTimeIsRecordedOnce
{
    [Fact]
    public async Task It_is_recorded_as_skipped_and_counted_once_across_syncs()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        h.Graph.AddLead(FacebookHarness.FormId, "4100000001", at, FakeGraphApi.Answers(("email", "when@example.com")), lead => lead["created_time"] = "last tuesday");
        h.Graph.AddLead(FacebookHarness.FormId, "4100000002", at, FakeGraphApi.Answers(("email", "who@example.com")), lead => lead["id"] = "not-an-id");
        h.Graph.AddLead(FacebookHarness.FormId, "4100000003", at, FakeGraphApi.Answers(("email", "fine@example.com")));

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        var records = (await h.LeadRecordsAsync()).ToDictionary(r => r.LeadId);
        Assert.Equal(["4100000001", "4100000003"], records.Keys.Order());
        Assert.Contains("created_time", records["4100000001"].SkipReason, StringComparison.Ordinal);
        Assert.Null(await h.ContactAsync("when@example.com"));
        var form = await h.FormAsync();
        Assert.Equal(new LeadTally(1, 1), form.Tally with { ETag = default });
        Assert.Equal(at.ToUnixTimeSeconds(), form.CheckpointUnix);
    }
}
