using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>An account marked as possibly having change records to dispatch, as the sweep reads it.</summary>
public sealed record OutboxAccount(string AccountId, DateTimeOffset MarkedAt, ETag ETag);

/// <summary>
/// The <see cref="StorageNames.OutboxAccountsTable"/> table: one row per account that may have
/// change records waiting (PK the account id, RK empty), written before the account's
/// transactions commit, so the sweep visits only accounts written recently rather than all of them.
/// </summary>
public sealed class OutboxAccounts(TableClient table)
{
    public TableClient Table { get; } = table;

    public async Task MarkAsync(string accountId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(accountId, "") { ["MarkedAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Every marked account: a scan of a table whose size is the accounts written in the last minutes.</summary>
    public async IAsyncEnumerable<OutboxAccount> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return new OutboxAccount(row.PartitionKey, row.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.MinValue, row.ETag);
        }
    }

    /// <summary>Removes the mark unless it was written again since it was read.</summary>
    public async Task<bool> TryRemoveAsync(OutboxAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(account.AccountId, "", account.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }
}
