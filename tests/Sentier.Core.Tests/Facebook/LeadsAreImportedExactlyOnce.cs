using Sentier.Core.Contacts;
using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// Overlapping polls, a lead served on two Graph pages, and repeated syncs: every lead becomes one
/// contact in the form's group and one lead record, written as a Facebook change.
/// </summary>
public sealed class LeadsAreImportedExactlyOnce
{
    [Fact]
    public async Task Overlapping_polls_import_each_lead_once_and_follow_paging_to_the_end()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId, group_id = group });
        var newest = DateTimeOffset.UtcNow.AddMinutes(-1);
        h.AddLeads(250, newest);

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(3, h.Graph.LeadsRequests(FacebookHarness.FormId));
        h.AddLeads(20, newest.AddSeconds(30), firstId: 250);
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        var form = await h.FormAsync();
        Assert.Equal(270, form.Tally.Imported);
        Assert.Equal(0, form.Tally.Skipped);
        Assert.Equal(newest.AddSeconds(30).ToUnixTimeSeconds(), form.CheckpointUnix);
        Assert.Null(form.LastError);
        Assert.Null(form.LeaseOwner);
        var records = await h.LeadRecordsAsync();
        Assert.Equal(270, records.Count);
        Assert.Equal(270, records.Select(r => r.LeadId).Distinct().Count());
        Assert.True(records.Zip(records.Skip(1)).All(pair => pair.First.CreatedTime >= pair.Second.CreatedTime), "newest first");
        var contacts = await h.ContactRowsAsync();
        Assert.Equal(270, contacts.Count);
        var contact = await h.ContactAsync("lead7@example.com");
        Assert.NotNull(contact);
        Assert.Contains(group, contact.GroupIds);
        Assert.Equal(ChangeSource.Facebook, contact.ChangedBy);
        Assert.Equal(contact.Id, records.Single(r => r.LeadId == "3000000007").ContactId);
    }

    [Fact]
    public async Task A_lead_served_on_two_pages_is_imported_once()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.Graph.RepeatLeadAcrossPages = true;
        h.AddLeads(230, DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        Assert.Equal(230, (await h.FormAsync()).Tally.Imported);
        Assert.Equal(230, (await h.LeadRecordsAsync()).Count);
        Assert.Equal(230, (await h.ContactRowsAsync()).Count);
    }

    [Fact]
    public async Task The_first_sync_reads_back_to_since_and_later_ones_from_the_checkpoint_minus_the_overlap()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var since = DateTimeOffset.UtcNow.AddDays(-10);
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId, since = since.ToString("O") });
        var newest = DateTimeOffset.UtcNow.AddHours(-1);
        h.Graph.AddLead(FacebookHarness.FormId, "3100000001", since.AddDays(-1), FakeGraphApi.Answers(("email", "too-old@example.com")));
        h.AddLeads(3, newest);

        await h.SyncAsync();
        await h.SyncAsync();

        var filters = h.Graph.Requests.Where(r => r.Contains("/leads?", StringComparison.Ordinal) && r.Contains("filtering=", StringComparison.Ordinal))
            .Select(r => Uri.UnescapeDataString(r)).ToList();
        Assert.Contains($"\"value\":{since.ToUnixTimeSeconds()}", filters[0], StringComparison.Ordinal);
        Assert.Contains($"\"value\":{newest.ToUnixTimeSeconds() - (long)FacebookFormSync.Overlap.TotalSeconds}", filters[1], StringComparison.Ordinal);
        Assert.Null(await h.ContactAsync("too-old@example.com"));
        Assert.Equal(3, (await h.FormAsync()).Tally.Imported);
    }
}
