using System.Security.Cryptography;
using Azure.Data.Tables;
using Sentier.Testing;

namespace Sentier.Core.Tests.Storage;

/// <summary>
/// A private table for the pager tests: 250 rows in one partition (row-000 … row-249), plus small
/// neighbouring partitions that must never show up in it. Deleted when the test class is done.
/// </summary>
public sealed class PagerTable : IAsyncLifetime
{
    public const string MainPartition = "main";
    public const int MainRows = 250;
    public const string QuotedPartition = "o'brien";
    public const int QuotedRows = 3;
    public const string OtherPartition = "other";
    public const int OtherRows = 5;

    public TableClient Table { get; private set; } = null!;

    public static string RowKey(int index) => $"row-{index:D3}";

    public async Task InitializeAsync()
    {
        var name = "PagerTest" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 12);
        Table = TestStorage.Tables().GetTableClient(name);
        await Table.CreateAsync();
        await AddRowsAsync(MainPartition, MainRows);
        await AddRowsAsync(QuotedPartition, QuotedRows);
        await AddRowsAsync(OtherPartition, OtherRows);
    }

    public async Task DisposeAsync() => await Table.DeleteAsync();

    private async Task AddRowsAsync(string partition, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
        {
            var actions = chunk
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, RowKey(i)) { ["Index"] = i }))
                .ToList();
            await Table.SubmitTransactionAsync(actions);
        }
    }
}
