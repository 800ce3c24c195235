using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Accounts;

/// <summary>
/// Accounts live in one partition (<c>PK = "account"</c>, <c>RK = id</c>): the admin list is one
/// partition query, and an account is read once per token-cache fill, never per request.
/// </summary>
public sealed class AccountStore(TableServiceClient tables)
{
    private const string Partition = "account";

    private readonly TableClient _table = tables.GetTableClient(StorageNames.AccountsTable);

    public async Task AddAsync(Account account, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, account.Id)
        {
            ["Name"] = account.Name,
            ["Created"] = account.Created,
        };
        await _table.AddEntityAsync(entity, cancellationToken);
    }

    public async Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsWellFormed(accountId))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, accountId, cancellationToken: cancellationToken);
        return response.HasValue ? ToAccount(response.Value!) : null;
    }

    public Task<ItemPage<Account>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        PartitionPager.ReadAsync(_table, Partition, page, ToAccount, cancellationToken);

    private static Account ToAccount(TableEntity entity) =>
        new(entity.RowKey, entity.GetString("Name") ?? "", entity.GetDateTimeOffset("Created") ?? entity.Timestamp ?? default);
}
