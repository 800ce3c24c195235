using Azure.Data.Tables;
using Sentier.Core.Facebook;
using Sentier.Core.Storage;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A sync that pages (Graph's <c>paging.next</c> carries the token), fails, is throttled and
/// succeeds writes the Page token into no log line at any level and into no table row in clear.
/// </summary>
public sealed class PageTokensStayOutOfLogsAndTables
{
    [Fact]
    public async Task The_token_appears_in_no_captured_log_line_and_no_row()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(250, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.Faults.Enqueue(new FakeFault("/leads", times: 1, status: 500));
        await h.SyncAsync();
        h.Graph.ThrottledForms[FacebookHarness.FormId] = 1;
        await h.SyncAsync();
        h.Graph.ThrottledForms.Clear();
        h.Graph.RevokedTokens[h.PageToken] = true;
        await h.Connections.TryReplaceAsync((await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None))! with { ThrottledUntil = null }, CancellationToken.None);
        var form = await h.FormAsync();
        await h.Forms.TryReplaceAsync(form with { NextSyncUtc = null }, CancellationToken.None);
        await h.SyncAsync();

        Assert.Contains(h.Graph.Requests, request => request.Contains("after=100", StringComparison.Ordinal));
        Assert.NotEmpty(h.Logs.Lines);
        Assert.DoesNotContain(h.Logs.Lines, line => line.Contains(h.PageToken, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Graph.Requests, request => request.Contains(h.PageToken, StringComparison.Ordinal));

        var tables = TestStorage.Tables();
        var rows = new List<TableEntity>();
        rows.AddRange(await tables.GetTableClient(StorageNames.FacebookConnectionsTable).QueryAsync<TableEntity>(r => r.PartitionKey == h.AccountId).ToListAsync());
        rows.AddRange(await tables.GetTableClient(StorageNames.FacebookFormsTable).QueryAsync<TableEntity>(r => r.PartitionKey == h.AccountId).ToListAsync());
        rows.AddRange(await tables.GetTableClient(StorageNames.FacebookLeadsTable)
            .QueryAsync<TableEntity>(r => r.PartitionKey == FacebookLeadStore.Partition(h.AccountId, FacebookHarness.FormId)).ToListAsync());
        Assert.True(rows.Count > 250);
        Assert.DoesNotContain(rows, row => row.Any(property => property.Value?.ToString()?.Contains(h.PageToken, StringComparison.Ordinal) == true));
    }
}
