using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Accounts;

/// <summary>Creates tenants. Every account starts with one API app so it can be used at once.</summary>
public sealed class AccountService(AccountStore accounts, ApiAppService apps, TimeProvider time)
{
    public const string FirstAppName = "Default";

    public async Task<(Account Account, ApiApp App, string Token)> CreateAsync(JsonBody body, CancellationToken cancellationToken)
    {
        var account = new Account(ResourceIds.New(), body.GetRequiredString("name", Account.MaxNameLength), time.GetUtcNow());
        await accounts.AddAsync(account, cancellationToken);
        var (app, token) = await apps.CreateAsync(account.Id, new ApiAppSettings(FirstAppName, "Created with the account", IpAllowList.Empty, null), cancellationToken);
        return (account, app, token);
    }

    public async Task<Account> GetAsync(string accountId, CancellationToken cancellationToken) =>
        await accounts.FindAsync(accountId, cancellationToken)
        ?? throw new ResourceNotFoundException($"Account '{(accountId.Length > 64 ? accountId[..64] : accountId)}' was not found.");

    public Task<ItemPage<Account>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        accounts.ListAsync(page, cancellationToken);
}
