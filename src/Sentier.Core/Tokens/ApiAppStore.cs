using Azure;
using Azure.Data.Tables;
using Sentier.Core.Accounts;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Tokens;

/// <summary>
/// Two tables: <c>ApiApps</c> (PK account id, RK app id) is the truth about an app, and
/// <c>ApiTokens</c> (PK token hash) points a presented token at it with one point read. The app
/// row is written before the pointer and deleted before it, so a half-finished create or revoke
/// can only leave a pointer to nothing, which authenticates nobody.
/// </summary>
/// <remarks>
/// Rows written before apps had scopes have no <c>Scopes</c> property. They read as
/// <see cref="Scopes.Default"/>, except the account's first app, which reads as
/// <see cref="Scopes.All"/> (see <see cref="IsFirstAppOfAccountAsync"/>). Every write stores
/// <c>Scopes</c>, so an old row takes the new shape the first time it is changed.
/// </remarks>
public sealed class ApiAppStore(TableServiceClient tables, AccountStore accounts)
{
    /// <summary>
    /// How soon after its account an old row's app must have been made to count as the account's
    /// first app. The two are written one after the other in one call, well within this.
    /// </summary>
    public static readonly TimeSpan FirstAppWindow = TimeSpan.FromSeconds(60);

    private const string ScopesProperty = "Scopes";

    private readonly TableClient _apps = tables.GetTableClient(StorageNames.ApiAppsTable);
    private readonly TableClient _tokens = tables.GetTableClient(StorageNames.ApiTokensTable);

    public async Task<ApiApp> AddAsync(ApiApp app, CancellationToken cancellationToken)
    {
        var etag = await AddOrFindOwnAsync(_apps, ToEntity(app), row => row.GetString("TokenHash") == app.TokenHash, cancellationToken);
        try
        {
            var pointer = new TableEntity(app.TokenHash, "") { ["AccountId"] = app.AccountId, ["AppId"] = app.Id };
            await AddOrFindOwnAsync(_tokens, pointer, row => row.GetString("AppId") == app.Id, cancellationToken);
        }
        catch
        {
            await _apps.DeleteEntityAsync(app.AccountId, app.Id, ETag.All, CancellationToken.None);
            throw;
        }

        return app with { ETag = etag };
    }

    /// <summary>
    /// Adds the row; a 409 is this very add when the row there is its own (<paramref name="isOwn"/>):
    /// app ids and token hashes are new for every app, so only a repeat of this create, sent again by
    /// the storage client after the answer was lost, can have written it.
    /// </summary>
    private static async Task<ETag> AddOrFindOwnAsync(TableClient table, TableEntity row, Func<TableEntity, bool> isOwn, CancellationToken cancellationToken)
    {
        try
        {
            return (await table.AddEntityAsync(row, cancellationToken)).Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (stored.HasValue && isOwn(stored.Value!))
            {
                return stored.Value!.ETag;
            }

            throw;
        }
    }

    public async Task<ApiApp?> FindAsync(string accountId, string appId, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsWellFormed(appId))
        {
            return null;
        }

        var response = await _apps.GetEntityIfExistsAsync<TableEntity>(accountId, appId, cancellationToken: cancellationToken);
        return response.HasValue ? await ToAppAsync(response.Value!, cancellationToken) : null;
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

    public async Task<ItemPage<ApiApp>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await PartitionPager.ReadAsync(_apps, accountId, page, entity => entity, cancellationToken);
        var apps = new List<ApiApp>(rows.Items.Count);
        foreach (var row in rows.Items)
        {
            apps.Add(await ToAppAsync(row, cancellationToken));
        }

        return new ItemPage<ApiApp>(apps, rows.Continuation);
    }

    /// <summary>
    /// Another app of the same account that can manage apps at <paramref name="now"/>, or null when
    /// <paramref name="app"/> is the last one.
    /// </summary>
    public async Task<ApiApp?> FindOtherManagerAsync(ApiApp app, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = _apps.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {app.AccountId}"), cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            if (row.RowKey != app.Id && await ToAppAsync(row, cancellationToken) is var other && other.CanManageApps(now))
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>
    /// Replaces the app if nobody changed it since it was read, and, given a
    /// <paramref name="keeper"/>, only if nobody changed the keeper either (see <see cref="DeleteAsync"/>).
    /// </summary>
    /// <returns>The stored app, or null when either had changed: read again and retry.</returns>
    public async Task<ApiApp?> TryReplaceAsync(ApiApp app, ApiApp? keeper, CancellationToken cancellationToken)
    {
        try
        {
            if (keeper is null)
            {
                var response = await _apps.UpdateEntityAsync(ToEntity(app), app.ETag, TableUpdateMode.Replace, cancellationToken);
                return app with { ETag = response.Headers.ETag ?? default };
            }

            var responses = await _apps.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(app), app.ETag), Unchanged(keeper)],
                cancellationToken);
            return app with { ETag = responses.Value[0].Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes the app and its token pointer. Given a <paramref name="keeper"/> (another app of the
    /// account), the delete commits only if the keeper is unchanged since it was read: both go in one
    /// entity-group transaction (one account's apps share a partition), so two requests that each
    /// remove a different one of the last two apps of some kind cannot both succeed.
    /// </summary>
    /// <returns>False when the app did not exist or the keeper had changed: read again and retry.</returns>
    public async Task<bool> DeleteAsync(ApiApp app, ApiApp? keeper, CancellationToken cancellationToken)
    {
        // Before the delete, so a revoked app always has its mark; a mark beside an app that is still
        // there (the delete below failed) is never read.
        await _apps.UpsertEntityAsync(new TableEntity(RevokedPartition(app.AccountId), app.Id), TableUpdateMode.Replace, cancellationToken);
        try
        {
            if (keeper is null)
            {
                // The SDK reports a missing entity on a plain delete as a 404 response, not an exception.
                if ((await _apps.DeleteEntityAsync(app.AccountId, app.Id, ETag.All, cancellationToken)).Status == 404)
                {
                    return false;
                }
            }
            else
            {
                await _apps.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(app.AccountId, app.Id), ETag.All), Unchanged(keeper)],
                    cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }

        await _tokens.DeleteEntityAsync(app.TokenHash, "", ETag.All, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Whether the account had this app and revoked it: a mark kept in a partition of its own beside
    /// the account's apps (no app list or query reads it), so that a revoke sent again, because its
    /// answer was lost, is told the app is gone rather than that it never existed.
    /// </summary>
    public async Task<bool> WasRevokedAsync(string accountId, string appId, CancellationToken cancellationToken) =>
        ResourceIds.IsWellFormed(appId) && (await _apps.GetEntityIfExistsAsync<TableEntity>(RevokedPartition(accountId), appId, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    private static string RevokedPartition(string accountId) => accountId + ":revoked";

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

    /// <summary>
    /// A transaction step that fails unless <paramref name="keeper"/> is as it was read. Table
    /// transactions have no bare condition check, so it is an empty merge under the keeper's ETag:
    /// it changes no property, only the ETag (a concurrent edit of the keeper then retries).
    /// </summary>
    private static TableTransactionAction Unchanged(ApiApp keeper) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(keeper.AccountId, keeper.Id), keeper.ETag);

    /// <summary>
    /// Whether an app stored before scopes existed is the one made with its account. Two facts
    /// together: no app of the account is older (every other app was made with a token, so after
    /// the first), and it was made within <see cref="FirstAppWindow"/> of the account, which keeps
    /// the oldest app that survived the first one's revocation from inheriting its scopes.
    /// </summary>
    private async Task<bool> IsFirstAppOfAccountAsync(ApiApp app, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(app.AccountId, cancellationToken);
        if (account is null || app.Created < account.Created || app.Created - account.Created > FirstAppWindow)
        {
            return false;
        }

        var older = _apps.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {app.AccountId} and Created lt {app.Created}"),
            maxPerPage: 1,
            select: ["RowKey"],
            cancellationToken: cancellationToken);
        await foreach (var _ in older)
        {
            return false;
        }

        return true;
    }

    private async Task<ApiApp> ToAppAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (entity.GetString(ScopesProperty) is { } stored)
        {
            return ToApp(entity, Scopes.ParseStored(stored));
        }

        var app = ToApp(entity, Scopes.Default);
        return await IsFirstAppOfAccountAsync(app, cancellationToken) ? app with { Scopes = Scopes.All } : app;
    }

    private static TableEntity ToEntity(ApiApp app) => new(app.AccountId, app.Id)
    {
        ["Name"] = app.Name,
        ["Description"] = app.Description,
        ["TokenHint"] = app.TokenHint,
        ["TokenHash"] = app.TokenHash,
        ["AllowedIps"] = string.Join(',', app.AllowedIps.Entries),
        ["Expires"] = app.Expires,
        [ScopesProperty] = Scopes.FormatStored(app.Scopes),
        ["Created"] = app.Created,
        ["LastUsed"] = app.LastUsed,
    };

    private static ApiApp ToApp(TableEntity entity, Scope scopes) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetString("Name") ?? "",
        entity.GetString("Description"),
        entity.GetString("TokenHint") ?? "",
        entity.GetString("TokenHash") ?? "",
        entity.GetString("AllowedIps") is { Length: > 0 } ips ? IpAllowList.Parse(ips.Split(',')) : IpAllowList.Empty,
        entity.GetDateTimeOffset("Expires"),
        scopes,
        entity.GetDateTimeOffset("Created") ?? default,
        entity.GetDateTimeOffset("LastUsed"),
        entity.ETag);
}
