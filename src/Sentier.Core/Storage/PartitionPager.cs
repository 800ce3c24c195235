using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Sentier.Core.Common;

namespace Sentier.Core.Storage;

/// <summary>
/// Pages through a key range of one partition in RowKey order. A deep <c>Page</c> walks only the
/// keys of the rows before it (a projection of RowKey, 1,000 per round-trip) and then reads
/// exactly one page of whole entities; a continuation token skips even that walk. Filters that
/// only code can evaluate go through <see cref="PageAsync{T}"/>, which has to look at every row
/// before the page.
/// </summary>
public static class PartitionPager
{
    private const int KeyWalkPageSize = 1000;

    public static Task<ItemPage<T>> ReadAsync<T>(
        TableClient table,
        string partitionKey,
        PageRequest page,
        Func<TableEntity, T> map,
        CancellationToken cancellationToken) =>
        ReadAsync(table, new KeyRange(partitionKey, ""), page, map, cancellationToken);

    public static async Task<ItemPage<T>> ReadAsync<T>(
        TableClient table,
        KeyRange range,
        PageRequest page,
        Func<TableEntity, T> map,
        CancellationToken cancellationToken)
    {
        var after = await StartAfterAsync(table, range, page, cancellationToken);
        if (after is { Found: false })
        {
            return new ItemPage<T>([], null);
        }

        var rows = QueryAsync(table, range, after.RowKey, page.Limit + 1, cancellationToken)
            .Select(entity => (entity.RowKey, map(entity)));
        return await PageAsync(rows, page with { Page = 1 }, predicate: null, cancellationToken);
    }

    /// <summary>
    /// Where an unfiltered page starts: after the continuation's row, or after the row just before
    /// the page found by a key walk; <c>Found</c> is false when the page lies beyond the end.
    /// </summary>
    public static async Task<(bool Found, string? RowKey)> StartAfterAsync(
        TableClient table, KeyRange range, PageRequest page, CancellationToken cancellationToken)
    {
        if (page.ContinueAfterRowKey is { } continuation)
        {
            return (true, continuation);
        }

        if (page.Skip == 0)
        {
            return (true, null);
        }

        var seen = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(range.Filter(null), maxPerPage: KeyWalkPageSize, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (++seen == page.Skip)
            {
                return (true, entity.RowKey);
            }
        }

        return (false, null);
    }

    /// <summary>The rows of the range after <paramref name="afterRowKey"/>, fetched <paramref name="pageSize"/> at a time.</summary>
    public static IAsyncEnumerable<TableEntity> QueryAsync(
        TableClient table, KeyRange range, string? afterRowKey, int pageSize, CancellationToken cancellationToken) =>
        table.QueryAsync<TableEntity>(range.Filter(afterRowKey), maxPerPage: Math.Clamp(pageSize, 1, KeyWalkPageSize), cancellationToken: cancellationToken);

    /// <summary>
    /// One page of the items that pass <paramref name="predicate"/>, from rows in key order. The
    /// continuation names the row of the page's last item, so the next page resumes right after it.
    /// </summary>
    public static async Task<ItemPage<T>> PageAsync<T>(
        IAsyncEnumerable<(string RowKey, T Item)> rows,
        PageRequest page,
        Func<T, bool>? predicate,
        CancellationToken cancellationToken)
    {
        var skip = page.ContinueAfterRowKey is null ? page.Skip : 0;
        var items = new List<T>(page.Limit);
        string? lastKey = null;
        await foreach (var (rowKey, item) in rows.WithCancellation(cancellationToken))
        {
            if (predicate is not null && !predicate(item))
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (items.Count == page.Limit)
            {
                // One more match exists: the page is full and another follows.
                return new ItemPage<T>(items, ContinuationToken.Encode(lastKey!));
            }

            items.Add(item);
            lastKey = rowKey;
        }

        return new ItemPage<T>(items, null);
    }

    /// <summary>Maps rows to items in chunks, so a join can fetch a chunk's related rows at once.</summary>
    public static async IAsyncEnumerable<(string RowKey, TOut Item)> JoinAsync<TOut>(
        IAsyncEnumerable<TableEntity> rows,
        int chunkSize,
        Func<IReadOnlyList<TableEntity>, Task<IReadOnlyList<TOut?>>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TOut : class
    {
        var chunk = new List<TableEntity>(chunkSize);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            chunk.Add(row);
            if (chunk.Count < chunkSize)
            {
                continue;
            }

            foreach (var pair in await FetchChunkAsync(chunk, fetch))
            {
                yield return pair;
            }

            chunk.Clear();
        }

        foreach (var pair in await FetchChunkAsync(chunk, fetch))
        {
            yield return pair;
        }
    }

    private static async Task<List<(string, TOut)>> FetchChunkAsync<TOut>(
        List<TableEntity> chunk, Func<IReadOnlyList<TableEntity>, Task<IReadOnlyList<TOut?>>> fetch)
        where TOut : class
    {
        if (chunk.Count == 0)
        {
            return [];
        }

        var fetched = await fetch(chunk);
        var pairs = new List<(string, TOut)>(chunk.Count);
        for (var i = 0; i < chunk.Count; i++)
        {
            if (fetched[i] is { } item)
            {
                pairs.Add((chunk[i].RowKey, item));
            }
        }

        return pairs;
    }
}
