using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Tokens;

/// <summary>
/// Two tables: <c>ApiApps</c> (PK account id, RK app id) is the truth about an app, and
/// <c>ApiTokens</c> (PK token hash) points a presented token at it with one point read. The app
/// row is written before the pointer and deleted before it, so a half-finished create or revoke
/// can only leave a pointer to nothing, which authenticates nobody.
/// </summary>
public sealed class ApiAppStore(TableServiceClient tables)
{
    private readonly TableClient _apps = tables.GetTableClient(StorageNames.ApiAppsTable);
    private readonly TableClient _tokens = tables.GetTableClient(StorageNames.ApiTokensTable);

    public async Task<ApiApp> AddAsync(ApiApp app, CancellationToken cancellationToken)
    {
        var response = await _apps.AddEntityAsync(ToEntity(app), cancellationToken);
        try
        {
            var pointer = new TableEntity(app.TokenHash, "") { ["AccountId"] = app.AccountId, ["AppId"] = app.Id };
            await _tokens.AddEntityAsync(pointer, cancellationToken);
        }
        catch
        {
            await _apps.DeleteEntityAsync(app.AccountId, app.Id, ETag.All, CancellationToken.None);
            throw;
        }

        return app with { ETag = response.Headers.ETag ?? default };
    }

    public async Task<ApiApp?> FindAsync(string accountId, string appId, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsWellFormed(appId))
        {
            return null;
        }

        var response = await _apps.GetEntityIfExistsAsync<TableEntity>(accountId, appId, cancellationToken: cancellationToken);
        return response.HasValue ? ToApp(response.Value!) : null;
    }

    /// <summary>The app a token hash points to, or null when the token is unknown or revoked.</summary>
    public async Task<ApiApp?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var pointer = await _tokens.GetEntityIfExistsAsync<TableEntity>(tokenHash, "", cancellationToken: cancellationToken);
        if (!pointer.HasValue)
        {
            return null;
        }

        var app = await FindAsync(pointer.Value!.GetString("AccountId") ?? "", pointer.Value.GetString("AppId") ?? "", cancellationToken);

        // The hash must match both ways: a stale pointer can never authenticate as a different app.
        return app?.TokenHash == tokenHash ? app : null;
    }

    public Task<ItemPage<ApiApp>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        PartitionPager.ReadAsync(_apps, accountId, page, ToApp, cancellationToken);

    /// <summary>Replaces the app if nobody changed it since it was read; false on a concurrent change.</summary>
    public async Task<ApiApp?> TryReplaceAsync(ApiApp app, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _apps.UpdateEntityAsync(ToEntity(app), app.ETag, TableUpdateMode.Replace, cancellationToken);
            return app with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return null;
        }
    }

    /// <returns>False when the app did not exist.</returns>
    public async Task<bool> DeleteAsync(ApiApp app, CancellationToken cancellationToken)
    {
        // The SDK reports a missing entity on delete as a 404 response, not an exception.
        var response = await _apps.DeleteEntityAsync(app.AccountId, app.Id, ETag.All, cancellationToken);
        if (response.Status == 404)
        {
            return false;
        }

        await _tokens.DeleteEntityAsync(app.TokenHash, "", ETag.All, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Records use without touching anything else (a merge of one property). An update, not an
    /// upsert: a use racing a revoke must not bring the app back.
    /// </summary>
    public async Task TouchLastUsedAsync(string accountId, string appId, DateTimeOffset when, CancellationToken cancellationToken)
    {
        try
        {
            await _apps.UpdateEntityAsync(new TableEntity(accountId, appId) { ["LastUsed"] = when }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Revoked meanwhile: nothing to record.
        }
    }

    private static TableEntity ToEntity(ApiApp app) => new(app.AccountId, app.Id)
    {
        ["Name"] = app.Name,
        ["Description"] = app.Description,
        ["TokenHint"] = app.TokenHint,
        ["TokenHash"] = app.TokenHash,
        ["AllowedIps"] = string.Join(',', app.AllowedIps.Entries),
        ["Expires"] = app.Expires,
        ["Created"] = app.Created,
        ["LastUsed"] = app.LastUsed,
    };

    private static ApiApp ToApp(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("Name") ?? "",
        entity.GetString("Description"),
        entity.GetString("TokenHint") ?? "",
        entity.GetString("TokenHash") ?? "",
        entity.GetString("AllowedIps") is { Length: > 0 } ips ? IpAllowList.Parse(ips.Split(',')) : IpAllowList.Empty,
        entity.GetDateTimeOffset("Expires"),
        entity.GetDateTimeOffset("Created") ?? default,
        entity.GetDateTimeOffset("LastUsed"),
        entity.ETag);
}
