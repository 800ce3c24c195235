using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Accounts;

/// <summary>
/// Creates tenants. Every account starts with one API app holding every scope, so it can be used
/// (and can issue narrower apps) at once.
/// </summary>
public sealed class AccountService(AccountStore accounts, ApiAppService apps, TimeProvider time)
{
    public const string FirstAppName = "Default";

    public async Task<(Account Account, ApiApp App, string Token)> CreateAsync(JsonBody body, CancellationToken cancellationToken)
    {
        var account = new Account(ResourceIds.New(), body.GetRequiredString("name", Account.MaxNameLength), time.GetUtcNow());
        await accounts.AddAsync(account, cancellationToken);
        var (app, token) = await apps.CreateAsync(account.Id, new ApiAppSettings(FirstAppName, "Created with the account", IpAllowList.Empty, null, Scopes.All), cancellationToken);
        return (account, app, token);
    }

    public async Task<Account> GetAsync(string accountId, CancellationToken cancellationToken) =>
        await accounts.FindAsync(accountId, cancellationToken)
        ?? throw new ResourceNotFoundException($"Account '{MessageText.Clip(accountId)}' was not found.");

    /// <summary>
    /// Issues a new app for an existing account, e.g. after it lost its tokens. It holds every
    /// scope unless the body names <c>scopes</c>: the operator is not limited by any app.
    /// </summary>
    public async Task<(ApiApp App, string Token)> IssueAppAsync(string accountId, JsonBody body, CancellationToken cancellationToken)
    {
        var account = await GetAsync(accountId, cancellationToken);
        return await apps.CreateAsync(account.Id, ApiAppSettings.ForNewApp(body, time.GetUtcNow(), Scopes.All), cancellationToken);
    }

    public Task<ItemPage<Account>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        accounts.ListAsync(page, cancellationToken);
}
