using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Contacts;

/// <summary>Reads and transactions on an account's partition of the <c>Contacts</c> table.</summary>
/// <param name="changes">Told of every transaction that commits a change record.</param>
public sealed class ContactStore(TableServiceClient tables, IChangeRecordObserver changes)
{
    /// <summary>Point reads in flight at once when a page or a batch needs many contacts.</summary>
    private const int ReadParallelism = 16;

    public TableClient Table { get; } = tables.GetTableClient(StorageNames.ContactsTable);

    public async Task<Contact?> FindAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.Contact(id), cancellationToken: cancellationToken);
        return response.HasValue ? ContactEntity.FromEntity(response.Value!) : null;
    }

    /// <summary>The contact an index row (email or sms key) points to, if any.</summary>
    public async Task<long?> FindIdAsync(string accountId, string indexKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, indexKey, select: ["ContactId"], cancellationToken);
        return response.HasValue ? response.Value!.GetInt64("ContactId") : null;
    }

    /// <summary>Whether a row of the account's partition exists (read without its properties).</summary>
    public async Task<bool> RowExistsAsync(string accountId, string rowKey, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(accountId, rowKey, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>Many contacts by id, in the order asked; null where a contact does not exist.</summary>
    public async Task<IReadOnlyList<Contact?>> FindManyAsync(string accountId, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var contacts = new Contact?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (index, token) => contacts[index] = await FindAsync(accountId, ids[index], token));
        return contacts;
    }

    /// <summary>
    /// Commits the batch atomically. False when another writer got there first (a key taken, an
    /// ETag moved, a row gone): nothing was written and the caller re-reads and tries again.
    /// The storage client sends a transaction again when its answer is lost, and that repeat fails
    /// on the rows the first sending wrote; so before concluding "someone else", a refusal looks
    /// for this transaction's own change record, which exists only if it committed: as itself, or,
    /// once the dispatcher has taken it, as its tombstone (read second, because the dispatcher
    /// replaces the one by the other in one transaction). A batch storage refuses as too large
    /// (which <see cref="ContactBatch"/> packing should make impossible) is a
    /// <see cref="RequestTooLargeException"/>: nothing was written, and trying again would not help.
    /// A batch with a change record is announced to the observer before and after it commits.
    /// </summary>
    public async Task<bool> TrySubmitAsync(ContactBatch batch, CancellationToken cancellationToken)
    {
        var actions = batch.Build();
        if (actions.Count == 0)
        {
            return true;
        }

        if (batch.ChangeKey is not null)
        {
            await changes.BeforeCommitAsync(batch.AccountId, cancellationToken);
        }

        bool committed;
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            committed = true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            committed = batch.ChangeKey is { } changeKey
                && (await RowExistsAsync(batch.AccountId, changeKey, cancellationToken)
                    || await RowExistsAsync(batch.AccountId, ContactKeys.Dispatched(changeKey), cancellationToken));
        }
        catch (RequestFailedException ex) when (IsTooLarge(ex))
        {
            throw new RequestTooLargeException($"Storage refused the change as too large ({ex.ErrorCode ?? "status " + ex.Status}).");
        }

        if (committed && batch.ChangeKey is not null)
        {
            await changes.CommittedAsync(batch.AccountId);
        }

        return committed;
    }

    /// <summary>Storage's answers to a transaction, entity or property over its size limit.</summary>
    internal static bool IsTooLarge(RequestFailedException ex) =>
        ex.Status == 413 || (ex.Status == 400 && ex.ErrorCode is "RequestBodyTooLarge" or "EntityTooLarge" or "PropertyValueTooLarge");
}
