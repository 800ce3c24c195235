using Azure.Data.Tables;
using Sentier.Core.Common;

namespace Sentier.Core.Storage;

/// <summary>
/// Pages through one partition in RowKey order. A deep <c>Page</c> walks only the keys of the rows
/// before it (a projection of RowKey, 1,000 per round-trip) and then reads exactly one page of
/// whole entities; a continuation token skips even that walk.
/// </summary>
public static class PartitionPager
{
    private const int KeyWalkPageSize = 1000;

    public static async Task<ItemPage<T>> ReadAsync<T>(
        TableClient table,
        string partitionKey,
        PageRequest page,
        Func<TableEntity, T> map,
        CancellationToken cancellationToken)
    {
        var partitionFilter = $"PartitionKey eq {TableKeys.Quote(partitionKey)}";
        var after = page.ContinueAfterRowKey;
        if (after is null && page.Skip > 0)
        {
            after = await FindRowKeyAtAsync(table, partitionFilter, page.Skip, cancellationToken);
            if (after is null)
            {
                return new ItemPage<T>([], null);
            }
        }

        var filter = after is null ? partitionFilter : $"{partitionFilter} and RowKey gt {TableKeys.Quote(after)}";

        // One row beyond the page tells whether a next page exists without a second query.
        var rows = new List<TableEntity>(page.Limit + 1);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: page.Limit + 1, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
            if (rows.Count > page.Limit)
            {
                break;
            }
        }

        var hasMore = rows.Count > page.Limit;
        var items = rows.Take(page.Limit).Select(map).ToList();
        return new ItemPage<T>(items, hasMore ? ContinuationToken.Encode(rows[page.Limit - 1].RowKey) : null);
    }

    private static async Task<string?> FindRowKeyAtAsync(TableClient table, string filter, int position, CancellationToken cancellationToken)
    {
        var seen = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: KeyWalkPageSize, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (++seen == position)
            {
                return entity.RowKey;
            }
        }

        return null;
    }
}
