using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Sentier.Core.Contacts;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Quarantined change records stay 30 days after their change was made, then the daily retention
/// deletes them. A quarantine marks its account, so the retention visits only marked accounts, and
/// an account left with none loses its mark; the sweep never takes that mark for one of its own.
/// </summary>
public sealed class QuarantinedRecordsExpire
{
    [Fact]
    public async Task Records_older_than_thirty_days_go_and_then_the_mark()
    {
        var h = await DispatchHarness.CreateAsync();
        await QuarantineAsync(h, "old@example.com");
        h.Contacts.Time.Advance(TimeSpan.FromDays(20));
        await QuarantineAsync(h, "recent@example.com");
        var quarantined = (await h.Contacts.ReadRowsAsync(ContactKeys.QuarantinedPrefix)).Select(row => row.RowKey).ToList();
        var retention = new QuarantineRetention(h.Markers, h.Outbox, h.Contacts.Time, NullLogger<QuarantineRetention>.Instance);

        h.Contacts.Time.Advance(TimeSpan.FromDays(11));
        var first = await retention.RunAsync(CancellationToken.None);
        var keptAfterFirst = (await h.Contacts.ReadRowsAsync(ContactKeys.QuarantinedPrefix)).Select(row => row.RowKey).ToList();
        h.Contacts.Time.Advance(TimeSpan.FromDays(20));
        var second = await retention.RunAsync(CancellationToken.None);

        Assert.Equal(2, quarantined.Count);
        Assert.Equal(new QuarantineRetentionResult(1, 1, 0), first);
        Assert.Equal([quarantined[1]], keptAfterFirst);
        Assert.Equal(new QuarantineRetentionResult(1, 1, 1), second);
        Assert.Empty(await h.Contacts.ReadRowsAsync(ContactKeys.QuarantinedPrefix));
        Assert.Empty(await h.Markers.ListQuarantinedAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(new QuarantineRetentionResult(0, 0, 0), await retention.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_sweep_lists_only_its_own_marks_and_a_fresh_mark_stays()
    {
        var h = await DispatchHarness.CreateAsync();
        await QuarantineAsync(h, "q@example.com");
        await h.Outbox.DeleteQuarantinedAsync(h.AccountId, h.Contacts.Time.GetUtcNow().AddDays(1), CancellationToken.None);
        var retention = new QuarantineRetention(h.Markers, h.Outbox, h.Contacts.Time, NullLogger<QuarantineRetention>.Instance);

        var swept = await h.Markers.ListAsync(CancellationToken.None).ToListAsync();
        var result = await retention.RunAsync(CancellationToken.None);

        Assert.Equal(OutboxAccounts.PendingMark, Assert.Single(swept).Mark);
        Assert.Equal(new QuarantineRetentionResult(1, 0, 0), result);
        Assert.Equal(OutboxAccounts.QuarantineMark, Assert.Single(await h.Markers.ListQuarantinedAsync(CancellationToken.None).ToListAsync()).Mark);
    }

    /// <summary>
    /// Writes a contact and gives its change record a property of the wrong type, so the pass that
    /// follows cannot read the record and quarantines it.
    /// </summary>
    private static async Task QuarantineAsync(DispatchHarness h, string email)
    {
        await h.Contacts.UpsertAsync($$"""{"email":"{{email}}"}""");
        var record = (await h.RecordsAsync()).Single();
        await h.Contacts.Table.UpdateEntityAsync(new TableEntity(record) { ["Source"] = 5 }, Azure.ETag.All, TableUpdateMode.Replace);
        await h.Dispatcher.PassAsync(h.AccountId, null, CancellationToken.None);
    }
}
