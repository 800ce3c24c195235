using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The change records (<c>o-</c>) of an account's partition as the dispatcher consumes them, and
/// their tombstones (<c>d-</c>, same suffix). A dispatched record is replaced by its tombstone in
/// one transaction, so a writer whose answer was lost finds one or the other
/// (<see cref="ContactStore.TrySubmitAsync"/>); tombstones are deleted once no such writer can be
/// left (<see cref="ChangeDispatchOptions.TombstoneAge"/>). There is no watermark: the records
/// read are the records that exist, whatever order they committed in. Records the dispatcher cannot
/// read are moved aside (<c>q-</c>, same suffix), their account marked in <see cref="OutboxAccounts"/>
/// so the daily retention finds them (<see cref="QuarantineRetention"/>).
/// </summary>
public sealed class ChangeOutbox(ContactStore contacts, OutboxAccounts accounts, TimeProvider clock)
{
    /// <summary>Records retired per transaction: a delete and an insert each.</summary>
    private const int RetiredPerTransaction = ContactBatch.MaxOperations / 2;

    private TableClient Table => contacts.Table;

    /// <summary>The account's records in key order, all of them or those made before <paramref name="madeBefore"/>.</summary>
    public IAsyncEnumerable<TableEntity> RecordsAsync(string accountId, DateTimeOffset? madeBefore, int pageSize, CancellationToken cancellationToken) =>
        PartitionPager.QueryAsync(
            Table,
            madeBefore is { } before
                ? KeyRange.Between(accountId, ContactKeys.ChangePrefix, ContactKeys.ChangesBefore(before))
                : new KeyRange(accountId, ContactKeys.ChangePrefix),
            null,
            pageSize,
            cancellationToken);

    /// <summary>Replaces each record by its tombstone; one another pass has retired already stays retired.</summary>
    public async Task RetireAsync(string accountId, IReadOnlyList<string> changeKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in changeKeys.Chunk(RetiredPerTransaction))
        {
            if (!await TryRetireAsync(accountId, chunk, cancellationToken) && chunk.Length > 1)
            {
                foreach (var changeKey in chunk)
                {
                    await TryRetireAsync(accountId, [changeKey], cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Moves a record the dispatcher cannot read aside, as it is, to its <c>q-</c> key, and leaves
    /// its tombstone as retiring would (a writer whose answer was lost still finds its transaction
    /// committed), in one transaction: it no longer holds back the records after it or keeps the
    /// account marked. One another pass has moved or retired already stays so. The account is
    /// marked as holding quarantined records first, so no <c>q-</c> row exists without its mark.
    /// </summary>
    public async Task QuarantineAsync(TableEntity record, CancellationToken cancellationToken)
    {
        await accounts.MarkQuarantinedAsync(record.PartitionKey, clock.GetUtcNow(), cancellationToken);
        var copy = new TableEntity(record.PartitionKey, ContactKeys.Quarantined(record.RowKey));
        foreach (var (name, value) in record.Where(property => property.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            copy[name] = value;
        }

        try
        {
            await Table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Delete, new TableEntity(record.PartitionKey, record.RowKey), ETag.All),
                    new(TableTransactionActionType.Add, new TableEntity(record.PartitionKey, ContactKeys.Dispatched(record.RowKey))),
                    new(TableTransactionActionType.Add, copy),
                ],
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409)
        {
            // Another pass moved or retired it first.
        }
    }

    /// <summary>Deletes the tombstones of records made before <paramref name="madeBefore"/>; how many.</summary>
    public Task<int> DeleteTombstonesAsync(string accountId, DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        DeleteAsync(KeyRange.Between(accountId, ContactKeys.DispatchedPrefix, ContactKeys.DispatchedBefore(madeBefore)), cancellationToken);

    /// <summary>Deletes the quarantined records made before <paramref name="madeBefore"/>; how many.</summary>
    public Task<int> DeleteQuarantinedAsync(string accountId, DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        DeleteAsync(KeyRange.Between(accountId, ContactKeys.QuarantinedPrefix, ContactKeys.QuarantinedBefore(madeBefore)), cancellationToken);

    /// <summary>Whether the account holds quarantined records.</summary>
    public Task<bool> HasQuarantinedAsync(string accountId, CancellationToken cancellationToken) =>
        AnyAsync(new KeyRange(accountId, ContactKeys.QuarantinedPrefix), cancellationToken);

    /// <summary>Whether the account has neither records nor tombstones.</summary>
    public async Task<bool> IsEmptyAsync(string accountId, CancellationToken cancellationToken) =>
        !await AnyAsync(new KeyRange(accountId, ContactKeys.ChangePrefix), cancellationToken)
        && !await AnyAsync(new KeyRange(accountId, ContactKeys.DispatchedPrefix), cancellationToken);

    /// <summary>Deletes the rows of the range, read as keys only, a transaction's worth at a time; how many.</summary>
    private async Task<int> DeleteAsync(KeyRange range, CancellationToken cancellationToken)
    {
        var deletes = new List<TableTransactionAction>(ContactBatch.MaxOperations);
        var deleted = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(range.Filter(null), maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            deletes.Add(new(TableTransactionActionType.Delete, new TableEntity(range.PartitionKey, row.RowKey), ETag.All));
            if (deletes.Count == ContactBatch.MaxOperations)
            {
                deleted += await DeleteAsync(deletes, cancellationToken);
                deletes.Clear();
            }
        }

        return deleted + (deletes.Count > 0 ? await DeleteAsync(deletes, cancellationToken) : 0);
    }

    private async Task<bool> TryRetireAsync(string accountId, IReadOnlyList<string> changeKeys, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(
                changeKeys.SelectMany(changeKey => new TableTransactionAction[]
                {
                    new(TableTransactionActionType.Delete, new TableEntity(accountId, changeKey), ETag.All),
                    new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Dispatched(changeKey))),
                }),
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409)
        {
            // A record another pass retired first (gone, or its tombstone there): for one key, done.
            return false;
        }
    }

    /// <summary>The deletes in one transaction, or one by one when another sweep deleted some first.</summary>
    private async Task<int> DeleteAsync(List<TableTransactionAction> deletes, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(deletes, cancellationToken);
            return deletes.Count;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            var deleted = 0;
            foreach (var delete in deletes)
            {
                deleted += (await Table.DeleteEntityAsync(delete.Entity.PartitionKey, delete.Entity.RowKey, ETag.All, cancellationToken)).Status == 204 ? 1 : 0;
            }

            return deleted;
        }
    }

    private async Task<bool> AnyAsync(KeyRange range, CancellationToken cancellationToken)
    {
        await foreach (var _ in Table.QueryAsync<TableEntity>(range.Filter(null), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }
}
