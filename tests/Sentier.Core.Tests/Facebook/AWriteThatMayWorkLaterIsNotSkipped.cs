using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Contacts;
using Sentier.Core.Facebook;
using Sentier.Core.Groups;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// Only a lead the contact rules refuse is skipped for good. A write that failed for a reason a
/// later try may not meet (here the form's group deleted mid-sync) leaves the lead unrecorded, the
/// sync failed and the checkpoint where it was, so a later sync imports it.
/// </summary>
public sealed class AWriteThatMayWorkLaterIsNotSkipped
{
    [Fact]
    public async Task Leads_whose_write_failed_meanwhile_are_imported_by_the_next_sync()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId, group_id = group });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.BeforeLeadsPage = async (_, _, _) =>
            await h.Services.GetRequiredService<GroupService>().DeleteAsync(
                h.AccountId, group.ToString(System.Globalization.CultureInfo.InvariantCulture), new ChangeContext(ChangeSource.Api, null), CancellationToken.None);

        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());

        var failed = await h.FormAsync();
        Assert.Empty(await h.LeadRecordsAsync());
        Assert.Null(failed.CheckpointUnix);
        Assert.Equal(0, failed.Tally.Skipped);
        Assert.Contains("the next sync tries them again", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.LeaseOwner);

        h.Graph.BeforeLeadsPage = null;
        var other = await h.NewGroupAsync("Other leads");
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId, group_id = other });
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        var records = await h.LeadRecordsAsync();
        Assert.Equal(5, records.Count);
        Assert.All(records, record => Assert.NotNull(record.ContactId));
        Assert.Equal(5, (await h.FormAsync()).Tally.Imported);
    }
}
