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

    private TableClient Table => contacts.Table;

    public async Task AddAsync(string accountId, Group group, CancellationToken cancellationToken) =>
        await Table.AddEntityAsync(ToEntity(accountId, group), cancellationToken);

    /// <summary>The group with exact counters, or null if it does not exist or is being deleted.</summary>
    public async Task<Group?> FindAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetBoolean("Deleting") != true
            ? await WithCountersAsync(row.Value, cancellationToken)
            : null;
    }

    /// <summary>
    /// Counters are the base on the group row plus the deltas. A fold between reading the row and
    /// reading the deltas moves deltas into a base this read no longer sees, so the row is read
    /// again afterwards and the sum started over if it changed.
    /// </summary>
    private async Task<Group> WithCountersAsync(TableEntity row, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (group, deltas) = await SumCountersAsync(row, cancellationToken);
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (!current.HasValue || current.Value!.ETag == row.ETag || attempt == 10)
            {
                if (deltas.Count >= FoldThreshold && current.HasValue && current.Value!.ETag == row.ETag)
                {
                    await TryFoldAsync(row, deltas, cancellationToken);
                }

                return group;
            }

            row = current.Value;
        }
    }

    /// <summary>Whether the group exists (without reading its counters).</summary>
    public async Task<bool> ExistsAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), select: ["Deleting"], cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetBoolean("Deleting") != true;
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

        var groups = await Task.WhenAll(rows.Items.Select(row => WithCountersAsync(row, cancellationToken)));
        return new ItemPage<Group>(groups, rows.Continuation);
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

    /// <summary>Hides the group from every read while its members are removed.</summary>
    public async Task<bool> MarkDeletingAsync(string accountId, long groupId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(accountId, ContactKeys.Group(groupId)) { ["Deleting"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Whether a group row exists at all, deleting or not (a delete that stopped half-way can be resumed).</summary>
    public async Task<bool> RowExistsAsync(string accountId, long groupId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Group(groupId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>
    /// Removes the group row and its counter rows, once its members are gone. Two removals may
    /// run at once (a delete and a repair), so rows the other one removed first are skipped.
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

    private async Task<(Group Group, List<TableEntity> Deltas)> SumCountersAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var groupId = ContactKeys.GroupIdOf(row.RowKey);
        var members = row.GetInt64("Members") ?? 0;
        var active = row.GetInt64("Active") ?? 0;
        var deltas = new List<TableEntity>();
        await foreach (var delta in PartitionPager.QueryAsync(Table, new KeyRange(row.PartitionKey, ContactKeys.CountersOf(groupId)), null, 1000, cancellationToken))
        {
            members += delta.GetInt32("Members") ?? 0;
            active += delta.GetInt32("Active") ?? 0;
            deltas.Add(delta);
        }

        var group = new Group(groupId, row.GetString("Name") ?? "", row.GetDateTimeOffset("Created") ?? default, members, active) { ETag = row.ETag };
        return (group, deltas);
    }

    /// <summary>
    /// Moves delta rows into the base in one transaction guarded by the group row's ETag, so a
    /// delta is counted exactly once even when two readers fold at the same time.
    /// </summary>
    private async Task TryFoldAsync(TableEntity row, List<TableEntity> deltas, CancellationToken cancellationToken)
    {
        var folded = deltas.Take(ContactBatch.MaxOperations - 1).ToList();
        var fold = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["Members"] = (row.GetInt64("Members") ?? 0) + folded.Sum(delta => (long)(delta.GetInt32("Members") ?? 0)),
            ["Active"] = (row.GetInt64("Active") ?? 0) + folded.Sum(delta => (long)(delta.GetInt32("Active") ?? 0)),
        };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, fold, row.ETag) };
        actions.AddRange(folded.Select(delta => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(delta.PartitionKey, delta.RowKey), delta.ETag)));
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            // Someone else folded or renamed first; the deltas stay and are counted from where they are.
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
