using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Groups;

/// <summary>
/// Group rows live in the account's contact partition next to their members. Counters are a base
/// on the group row plus delta rows that each contact transaction adds (never updates), so
/// concurrent writers to one group never contend; reads add the deltas up and fold them into the
/// base once enough have gathered.
/// </summary>
public sealed class GroupStore(ContactStore contacts)
{
    /// <summary>Delta rows a read folds into the base once there are this many.</summary>
    private const int FoldThreshold = 32;

    private const int MaxFoldsPerRead = 8;

    /// <summary>Times a counter read starts over because a group row changed under it, before it gives up (409).</summary>
    private const int MaxCounterReads = 10;

    private TableClient Table => contacts.Table;

    /// <summary>The answer to a write whose group was deleted after the write had checked it.</summary>
    public static ResourceNotFoundException DeletedMeanwhile(long groupId) => new($"Group '{groupId}' was deleted while this request ran.");

    /// <summary>Adds the group row and its join guard.</summary>
    public async Task AddAsync(string accountId, Group group, CancellationToken cancellationToken)
    {
        var row = ToEntity(accountId, group);
        try
        {
            await Table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, row),
                    new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.JoinGuard(group.Id))),
                ],
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Group ids are never handed out twice, so the only writer of this key is this create:
            // the storage client repeated it after the answer to the commit was lost.
            if (!await IsCommittedAsync(row, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task<bool> IsCommittedAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var stored = await Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
        return stored.HasValue
            && stored.Value!.GetString("Name") == row.GetString("Name")
            && stored.Value.GetDateTimeOffset("Created") == row.GetDateTimeOffset("Created");
    }

    /// <summary>The group with exact counters, or null if it does not exist or is being deleted.</summary>
    public async Task<Group?> FindAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), cancellationToken: cancellationToken);
        return row.HasValue && IsLive(row.Value!)
            ? (await WithCountersAsync([row.Value!], cancellationToken)).SingleOrDefault()
            : null;
    }

    /// <summary>
    /// Counters of a page of groups: the base on each group row plus its deltas, all read with one
    /// range query over the page's counter rows. A fold between reading a row and reading its deltas
    /// moves deltas into a base this read did not see, so the rows are read again afterwards (one
    /// more range query) and the sum is started over for any that changed; a group deleted or
    /// being deleted meanwhile leaves the answer. A read that keeps finding changed rows answers
    /// 409 rather than a sum it could not check.
    /// </summary>
    private async Task<IReadOnlyList<Group>> WithCountersAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var partitionKey = rows[0].PartitionKey;
        var firstId = rows.Min(row => ContactKeys.GroupIdOf(row.RowKey));
        var lastId = rows.Max(row => ContactKeys.GroupIdOf(row.RowKey));
        for (var attempt = 0; ; attempt++)
        {
            var deltas = new Dictionary<long, List<TableEntity>>();
            var counterRange = KeyRange.Between(partitionKey, ContactKeys.CountersOf(firstId), ContactKeys.CountersOf(lastId + 1));
            await foreach (var delta in PartitionPager.QueryAsync(Table, counterRange, null, 1000, cancellationToken))
            {
                var groupId = ContactKeys.GroupIdOfCounter(delta.RowKey);
                (deltas.TryGetValue(groupId, out var list) ? list : deltas[groupId] = []).Add(delta);
            }

            var current = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            var groupRange = KeyRange.Between(partitionKey, ContactKeys.Group(firstId), ContactKeys.Group(lastId + 1));
            await foreach (var row in PartitionPager.QueryAsync(Table, groupRange, null, 1000, cancellationToken))
            {
                current[row.RowKey] = row;
            }

            if (rows.All(row => current.TryGetValue(row.RowKey, out var now) && now.ETag == row.ETag))
            {
                var groups = new List<Group>(rows.Count);
                foreach (var row in rows)
                {
                    var rowDeltas = deltas.GetValueOrDefault(ContactKeys.GroupIdOf(row.RowKey)) ?? [];
                    groups.Add(Sum(row, rowDeltas));
                    if (rowDeltas.Count >= FoldThreshold)
                    {
                        await TryFoldAsync(row, rowDeltas, cancellationToken);
                    }
                }

                return groups;
            }

            if (attempt + 1 >= MaxCounterReads)
            {
                throw new ConflictException("The group counters changed while they were being read; try again.");
            }

            // Deleted or being deleted meanwhile: gone from the answer; changed: counted again from its new base.
            rows = rows.Select(row => current.GetValueOrDefault(row.RowKey)).OfType<TableEntity>().Where(IsLive).ToList();
        }
    }

    /// <summary>The group's name, also while it is being deleted; null once its row is gone.</summary>
    public async Task<string?> FindNameAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), select: ["Name"], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Name") : null;
    }

    /// <summary>The groups with these ids that exist and are not being deleted, with their counters, in id order.</summary>
    public async Task<IReadOnlyList<Group>> FindManyAsync(string accountId, IReadOnlyList<long> groupIds, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(groupIds.Order().Select(groupId =>
            Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), cancellationToken: cancellationToken)));
        var live = rows.Where(row => row.HasValue && IsLive(row.Value!)).Select(row => row.Value!).ToList();
        return await WithCountersAsync(live, cancellationToken);
    }

    /// <summary>Whether the group exists (without reading its counters).</summary>
    public async Task<bool> ExistsAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), select: ["Deleting"], cancellationToken: cancellationToken);
        return row.HasValue && IsLive(row.Value!);
    }

    /// <summary>
    /// Whether contacts may join the group now, which is what a membership transaction checks: its
    /// join guard row exists. A group made before join guards existed gets its guard here, in a
    /// transaction that also requires the group row to be unchanged since it was read live, so a
    /// delete that has started meanwhile is never undone.
    /// </summary>
    public async Task<bool> AcceptsMembersAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        while (!await contacts.RowExistsAsync(accountId, ContactKeys.JoinGuard(groupId), cancellationToken))
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), cancellationToken: cancellationToken);
            if (!row.HasValue || !IsLive(row.Value!))
            {
                return false;
            }

            try
            {
                await Table.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.UpdateMerge, new TableEntity(accountId, ContactKeys.Group(groupId)), row.Value!.ETag),
                        new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.JoinGuard(groupId))),
                    ],
                    cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // The group row changed (a fold, a rename, a delete) or another request added the guard: look again.
            }
        }

        return true;
    }

    /// <summary>
    /// A page of groups, optionally only those whose name contains <paramref name="searchTerm"/>.
    /// Groups per account are few, so a name search reads the group rows; paging needs no scan.
    /// </summary>
    public async Task<ItemPage<Group>> ListAsync(string accountId, PageRequest page, string? searchTerm, CancellationToken cancellationToken)
    {
        var range = new KeyRange(accountId, ContactKeys.GroupPrefix, "Deleting eq false");
        ItemPage<TableEntity> rows;
        if (searchTerm is null)
        {
            rows = await PartitionPager.ReadAsync(Table, range, page, row => row, cancellationToken);
        }
        else
        {
            var all = PartitionPager.QueryAsync(Table, range, page.ContinueAfterRowKey, 1000, cancellationToken).Select(row => (row.RowKey, row));
            rows = await PartitionPager.PageAsync(all, page,
                row => row.GetString("Name")?.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) == true, cancellationToken);
        }

        return new ItemPage<Group>(await WithCountersAsync(rows.Items, cancellationToken), rows.Continuation);
    }

    /// <summary>Renames the group if nobody changed it since it was read; false on a concurrent change.</summary>
    public async Task<bool> TryRenameAsync(string accountId, Group group, string name, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(accountId, ContactKeys.Group(group.Id)) { ["Name"] = name }, group.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Hides the group from every read, then removes its join guard: from then on no transaction
    /// can add a member, so the members a delete finds afterwards are all there will ever be.
    /// False when the group row does not exist.
    /// </summary>
    public async Task<bool> MarkDeletingAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(accountId, ContactKeys.Group(groupId)) { ["Deleting"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }

        // Absent when a delete is resumed (or the group predates join guards): nothing to remove then.
        await Table.DeleteEntityAsync(accountId, ContactKeys.JoinGuard(groupId), ETag.All, cancellationToken);
        return true;
    }

    /// <summary>Whether a group row exists at all, deleting or not (a delete that stopped half-way can be resumed).</summary>
    public Task<bool> RowExistsAsync(string accountId, long groupId, CancellationToken cancellationToken) =>
        contacts.RowExistsAsync(accountId, ContactKeys.Group(groupId), cancellationToken);

    /// <summary>
    /// Removes the group row and its counter rows, once its members are gone. Two removals may
    /// run at once (two deletes of one group), so rows the other one removed first are skipped.
    /// </summary>
    public async Task DeleteRowsAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        var range = new KeyRange(accountId, ContactKeys.CountersOf(groupId));
        while (true)
        {
            var counters = new List<TableTransactionAction>(ContactBatch.MaxOperations);
            await foreach (var row in PartitionPager.QueryAsync(Table, range, null, ContactBatch.MaxOperations, cancellationToken))
            {
                counters.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, row.RowKey), ETag.All));
                if (counters.Count == ContactBatch.MaxOperations)
                {
                    break;
                }
            }

            if (counters.Count == 0)
            {
                break;
            }

            try
            {
                await Table.SubmitTransactionAsync(counters, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Another removal got to some of these rows first; read what is left.
            }
        }

        await Table.DeleteEntityAsync(accountId, ContactKeys.Group(groupId), ETag.All, cancellationToken);
    }

    /// <summary>The member rows of a group in contact id order, after <paramref name="afterRowKey"/>.</summary>
    public IAsyncEnumerable<TableEntity> QueryMembersAsync(string accountId, long groupId, string? afterRowKey, int pageSize, CancellationToken cancellationToken) =>
        PartitionPager.QueryAsync(Table, new KeyRange(accountId, ContactKeys.MembersOf(groupId)), afterRowKey, pageSize, cancellationToken);

    /// <summary>Removes a member row whose contact no longer exists (repair; a transaction normally removes both).</summary>
    public async Task DeleteOrphanMemberAsync(string accountId, long groupId, long contactId, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(accountId, ContactKeys.Member(groupId, contactId), ETag.All, cancellationToken);

    private static bool IsLive(TableEntity groupRow) => groupRow.GetBoolean("Deleting") != true;

    private static Group Sum(TableEntity row, List<TableEntity> deltas) => new(
        ContactKeys.GroupIdOf(row.RowKey),
        row.GetString("Name") ?? "",
        row.GetDateTimeOffset("Created") ?? default,
        (row.GetInt64("Members") ?? 0) + deltas.Sum(delta => (long)(delta.GetInt32("Members") ?? 0)),
        (row.GetInt64("Active") ?? 0) + deltas.Sum(delta => (long)(delta.GetInt32("Active") ?? 0)))
    {
        ETag = row.ETag,
    };

    /// <summary>
    /// Moves delta rows into the base, 99 per transaction guarded by the group row's ETag, so a
    /// delta is counted exactly once even when two readers fold at the same time. A read folds at
    /// most <see cref="MaxFoldsPerRead"/> transactions: after a large import the work is spread over
    /// the next few reads instead of landing on one.
    /// </summary>
    private async Task TryFoldAsync(TableEntity row, List<TableEntity> deltas, CancellationToken cancellationToken)
    {
        var members = row.GetInt64("Members") ?? 0;
        var active = row.GetInt64("Active") ?? 0;
        var etag = row.ETag;
        foreach (var folded in deltas.Chunk(ContactBatch.MaxOperations - 1).Take(MaxFoldsPerRead))
        {
            members += folded.Sum(delta => (long)(delta.GetInt32("Members") ?? 0));
            active += folded.Sum(delta => (long)(delta.GetInt32("Active") ?? 0));
            var fold = new TableEntity(row.PartitionKey, row.RowKey) { ["Members"] = members, ["Active"] = active };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, fold, etag) };
            actions.AddRange(folded.Select(delta => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(delta.PartitionKey, delta.RowKey), delta.ETag)));
            try
            {
                var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
                if (response.Value[0].Headers.ETag is not { } next)
                {
                    // Without the new ETag a further fold could not be guarded; the next read continues.
                    return;
                }

                etag = next;
            }
            catch (TableTransactionFailedException)
            {
                // Someone else folded or renamed first; the deltas left are counted from where they are.
                return;
            }
        }
    }

    private static TableEntity ToEntity(string accountId, Group group) => new(accountId, ContactKeys.Group(group.Id))
    {
        ["Name"] = group.Name,
        ["Created"] = group.Created,
        ["Members"] = group.Counter,
        ["Active"] = group.ActiveCounter,
        ["Deleting"] = false,
    };
}
