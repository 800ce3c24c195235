using Sentier.Core.Common;

namespace Sentier.Core.Tokens;

/// <summary>The API Apps screen: issue, list, edit and revoke an account's access tokens.</summary>
public sealed class ApiAppService(ApiAppStore store, TokenAuthenticator authenticator, TimeProvider time)
{
    private const int MaxUpdateAttempts = 5;

    /// <summary>Issues an app from a request body (<c>name</c>, <c>description</c>, <c>allowed_ips</c>, <c>expires</c>).</summary>
    public Task<(ApiApp App, string Token)> CreateAsync(string accountId, JsonBody body, CancellationToken cancellationToken) =>
        CreateAsync(accountId, ApiAppSettings.ForNewApp(body, time.GetUtcNow()), cancellationToken);

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
            time.GetUtcNow(),
            LastUsed: null,
            ETag: default);
        return (await store.AddAsync(app, cancellationToken), token);
    }

    public Task<ItemPage<ApiApp>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListAsync(accountId, page, cancellationToken);

    public async Task<ApiApp> GetAsync(string accountId, string appId, CancellationToken cancellationToken) =>
        await store.FindAsync(accountId, appId, cancellationToken) ?? throw NotFound(appId);

    /// <summary>Applies the fields present in <paramref name="changes"/>; retries when another writer got there first.</summary>
    public async Task<ApiApp> UpdateAsync(string accountId, string appId, JsonBody changes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(accountId, appId, cancellationToken);
            var settings = ApiAppSettings.ForUpdate(current, changes, time.GetUtcNow());
            var updated = current with
            {
                Name = settings.Name,
                Description = settings.Description,
                AllowedIps = settings.AllowedIps,
                Expires = settings.Expires,
            };
            if (await store.TryReplaceAsync(updated, cancellationToken) is { } saved)
            {
                authenticator.Forget(saved.TokenHash);
                return saved;
            }

            if (attempt == MaxUpdateAttempts)
            {
                throw new ConflictException($"API app '{appId}' is being changed by another request; try again.");
            }
        }
    }

    /// <summary>Revokes one app; the account's other apps are untouched. Effective at once on this instance.</summary>
    public async Task RevokeAsync(string accountId, string appId, CancellationToken cancellationToken)
    {
        var app = await GetAsync(accountId, appId, cancellationToken);
        authenticator.Forget(app.TokenHash);
        if (!await store.DeleteAsync(app, cancellationToken))
        {
            throw NotFound(appId);
        }

        // Again after the delete: a request that refilled the cache in between saw the app still there.
        authenticator.Forget(app.TokenHash);
    }

    private static ResourceNotFoundException NotFound(string appId) =>
        new($"API app '{MessageText.Clip(appId)}' was not found.");
}
