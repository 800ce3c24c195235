using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>An account marked in <see cref="OutboxAccounts"/>, as the sweep or the retention run reads it.</summary>
public sealed record OutboxAccount(string AccountId, DateTimeOffset MarkedAt, ETag ETag)
{
    /// <summary>Which mark: <see cref="OutboxAccounts.PendingMark"/> or <see cref="OutboxAccounts.QuarantineMark"/>.</summary>
    public string Mark { get; init; } = OutboxAccounts.PendingMark;
}

/// <summary>
/// The <see cref="StorageNames.OutboxAccountsTable"/> table: per account (PK the account id), the
/// row <see cref="PendingMark"/> when it may have change records waiting, written before the
/// account's transactions commit, so the sweep visits only accounts written recently rather than
/// all of them; and the row <see cref="QuarantineMark"/> when it holds quarantined records,
/// written before a record is moved aside, so the daily retention visits only those accounts. Both
/// kinds are few: the first is the accounts written in the last minutes, the second the rare
/// accounts with a record the dispatcher could not read in the last 30 days.
/// </summary>
public sealed class OutboxAccounts(TableClient table)
{
    /// <summary>The row key of an account that may have change records waiting.</summary>
    public const string PendingMark = "";

    /// <summary>The row key of an account that holds quarantined change records (<c>q-</c>).</summary>
    public const string QuarantineMark = "q";

    public TableClient Table { get; } = table;

    public Task MarkAsync(string accountId, DateTimeOffset at, CancellationToken cancellationToken) =>
        MarkAsync(accountId, PendingMark, at, cancellationToken);

    public Task MarkQuarantinedAsync(string accountId, DateTimeOffset at, CancellationToken cancellationToken) =>
        MarkAsync(accountId, QuarantineMark, at, cancellationToken);

    /// <summary>Every account marked as having records waiting: a scan of a table whose size is the accounts written in the last minutes.</summary>
    public IAsyncEnumerable<OutboxAccount> ListAsync(CancellationToken cancellationToken) => ListAsync(PendingMark, cancellationToken);

    /// <summary>Every account marked as holding quarantined records.</summary>
    public IAsyncEnumerable<OutboxAccount> ListQuarantinedAsync(CancellationToken cancellationToken) => ListAsync(QuarantineMark, cancellationToken);

    /// <summary>Removes the mark unless it was written again since it was read.</summary>
    public async Task<bool> TryRemoveAsync(OutboxAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(account.AccountId, account.Mark, account.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private async Task MarkAsync(string accountId, string mark, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(accountId, mark) { ["MarkedAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    private async IAsyncEnumerable<OutboxAccount> ListAsync(string mark, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>($"RowKey eq {TableKeys.Quote(mark)}", maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return new OutboxAccount(row.PartitionKey, row.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.MinValue, row.ETag) { Mark = mark };
        }
    }
}
