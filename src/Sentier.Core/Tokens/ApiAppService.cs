using Sentier.Core.Common;

namespace Sentier.Core.Tokens;

/// <summary>
/// The API Apps screen: issue, list, edit and revoke an account's access tokens. Every method that
/// an app calls takes that app (<c>caller</c>) and enforces the rules that keep a leaked token from
/// freeing or multiplying itself: only an app holding <c>apps:manage</c> may touch apps, it grants
/// only scopes it holds, it cannot change its own restrictions, and the account keeps at least one
/// app that can manage apps.
/// </summary>
public sealed class ApiAppService(ApiAppStore store, TokenAuthenticator authenticator, TimeProvider time)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// Issues an app from a request body (<c>name</c>, <c>description</c>, <c>allowed_ips</c>,
    /// <c>expires</c>, <c>scopes</c>, default <see cref="Scopes.Default"/>) in the caller's account.
    /// </summary>
    public Task<(ApiApp App, string Token)> CreateAsync(ApiApp caller, JsonBody body, CancellationToken cancellationToken)
    {
        caller.Scopes.Require(Scope.AppsManage);
        var settings = ApiAppSettings.ForNewApp(body, time.GetUtcNow(), Scopes.Default);
        RequireGrantable(caller, settings.Scopes);
        RequireWithinCallersLimits(caller, settings);
        return CreateAsync(caller.AccountId, settings, cancellationToken);
    }

    /// <summary>Issues an app with no calling app to check against: the operator's and the account's own first app.</summary>
    /// <returns>The app and its token; the token is never available again.</returns>
    public async Task<(ApiApp App, string Token)> CreateAsync(string accountId, ApiAppSettings settings, CancellationToken cancellationToken)
    {
        var token = ApiToken.Generate();
        var app = new ApiApp(
            accountId,
            ResourceIds.New(),
            settings.Name,
            settings.Description,
            ApiToken.Hint(token),
            ApiToken.Hash(token),
            settings.AllowedIps,
            settings.Expires,
            settings.Scopes,
            time.GetUtcNow(),
            LastUsed: null,
            ETag: default);
        return (await store.AddAsync(app, cancellationToken), token);
    }

    public Task<ItemPage<ApiApp>> ListAsync(ApiApp caller, PageRequest page, CancellationToken cancellationToken)
    {
        caller.Scopes.Require(Scope.AppsManage);
        return store.ListAsync(caller.AccountId, page, cancellationToken);
    }

    public async Task<ApiApp> GetAsync(ApiApp caller, string appId, CancellationToken cancellationToken)
    {
        caller.Scopes.Require(Scope.AppsManage);
        return await FindAsync(caller.AccountId, appId, cancellationToken);
    }

    /// <summary>Applies the fields present in <paramref name="changes"/>; retries when another writer got there first.</summary>
    public async Task<ApiApp> UpdateAsync(ApiApp caller, string appId, JsonBody changes, CancellationToken cancellationToken)
    {
        caller.Scopes.Require(Scope.AppsManage);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var current = await FindAsync(caller.AccountId, appId, cancellationToken);
            var settings = ApiAppSettings.ForUpdate(current, changes, now);
            if (current.Id == caller.Id && settings.ChangesRestrictionsOf(current))
            {
                throw new AccessDeniedException(
                    "An app cannot change its own allowed_ips, expires or scopes; use another app that holds 'apps:manage'.");
            }

            RequireGrantable(caller, settings.Scopes & ~current.Scopes);
            if (settings.ChangesRestrictionsOf(current))
            {
                RequireWithinCallersLimits(caller, settings);
            }

            var keeper = settings.Scopes.Includes(Scope.AppsManage) ? null : await KeeperForAsync(current, now, cancellationToken);
            var updated = current with
            {
                Name = settings.Name,
                Description = settings.Description,
                AllowedIps = settings.AllowedIps,
                Expires = settings.Expires,
                Scopes = settings.Scopes,
            };
            if (await store.TryReplaceAsync(updated, keeper, cancellationToken) is { } saved)
            {
                authenticator.Forget(saved.TokenHash);
                return saved;
            }

            ThrowIfLastAttempt(attempt, appId);
        }
    }

    /// <summary>
    /// An app limited to some addresses or a lifetime issues and reshapes apps only within those
    /// limits, so a leaked restricted token cannot mint an unrestricted one that outlives it.
    /// </summary>
    private static void RequireWithinCallersLimits(ApiApp caller, ApiAppSettings settings)
    {
        if (!caller.AllowedIps.Covers(settings.AllowedIps))
        {
            throw new AccessDeniedException(
                $"This app may be used only from {string.Join(", ", caller.AllowedIps.Entries)}; the apps it issues or changes must be limited to addresses within that ('allowed_ips').");
        }

        if (caller.Expires is { } callerExpires && (settings.Expires is not { } expires || expires > callerExpires))
        {
            throw new AccessDeniedException(
                $"This app expires at {ApiDates.Format(callerExpires)} UTC; the apps it issues or changes must expire no later ('expires').");
        }
    }

    /// <summary>
    /// Revokes one app; the account's other apps are untouched. Effective at once on this instance.
    /// The account's last app that can manage apps is refused (409): only the operator can issue
    /// access again after that. Revoking an app this account already revoked succeeds again (a
    /// revoke repeated because its answer was lost); an id the account never had is 404.
    /// </summary>
    public async Task RevokeAsync(ApiApp caller, string appId, CancellationToken cancellationToken)
    {
        caller.Scopes.Require(Scope.AppsManage);
        for (var attempt = 1; ; attempt++)
        {
            if (await store.FindAsync(caller.AccountId, appId, cancellationToken) is not { } app)
            {
                if (await store.WasRevokedAsync(caller.AccountId, appId, cancellationToken))
                {
                    return;
                }

                throw NotFound(appId);
            }

            var keeper = await KeeperForAsync(app, time.GetUtcNow(), cancellationToken);
            authenticator.Forget(app.TokenHash);
            if (await store.DeleteAsync(app, keeper, cancellationToken))
            {
                // Again after the delete: a request that refilled the cache in between saw the app still there.
                authenticator.Forget(app.TokenHash);
                return;
            }

            ThrowIfLastAttempt(attempt, appId);
        }
    }

    /// <summary>
    /// When <paramref name="app"/> can manage apps and is about to stop, the other app that must
    /// still be there, unchanged, when the write commits; null when nothing needs keeping.
    /// </summary>
    private async Task<ApiApp?> KeeperForAsync(ApiApp app, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!app.CanManageApps(now))
        {
            return null;
        }

        return await store.FindOtherManagerAsync(app, now, cancellationToken)
            ?? throw new ConflictException(
                $"API app '{app.Id}' is the account's last app that holds 'apps:manage'; give another app that scope first.");
    }

    private static void RequireGrantable(ApiApp caller, Scope granted)
    {
        if (!caller.Scopes.Includes(granted))
        {
            throw new AccessDeniedException(
                $"This app cannot grant the {Scopes.Describe(granted & ~caller.Scopes)}: an app grants only scopes it holds.");
        }
    }

    private static void ThrowIfLastAttempt(int attempt, string appId)
    {
        if (attempt == MaxWriteAttempts)
        {
            throw new ConflictException($"API app '{MessageText.Clip(appId)}' is being changed by another request; try again.");
        }
    }

    private async Task<ApiApp> FindAsync(string accountId, string appId, CancellationToken cancellationToken) =>
        await store.FindAsync(accountId, appId, cancellationToken) ?? throw NotFound(appId);

    private static ResourceNotFoundException NotFound(string appId) => new($"API app '{MessageText.Clip(appId)}' was not found.");
}
