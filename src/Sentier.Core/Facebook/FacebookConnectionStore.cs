using Azure;
using Azure.Data.Tables;
using Sentier.Core.Storage;

namespace Sentier.Core.Facebook;

/// <summary>
/// The <c>FacebookConnections</c> table: PK account id, RK Page id, one row per connected Page.
/// Beside the accounts' partitions, partition <see cref="AppPartition"/> holds the one row that
/// says until when Graph throttles the whole app (error 4, <c>X-App-Usage</c> at 100%).
/// </summary>
public sealed class FacebookConnectionStore(TableServiceClient tables)
{
    public TableClient Table { get; } = tables.GetTableClient(StorageNames.FacebookConnectionsTable);

    public async Task<FacebookConnection?> FindAsync(string accountId, string pageId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, pageId, cancellationToken: cancellationToken);
        return row.HasValue ? ToConnection(row.Value!) : null;
    }

    public async Task<IReadOnlyList<FacebookConnection>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var connections = new List<FacebookConnection>();
        await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == accountId, cancellationToken: cancellationToken))
        {
            connections.Add(ToConnection(row));
        }

        return connections;
    }

    /// <summary>Stores the connection whatever was there: connecting a Page again replaces its token and status.</summary>
    public async Task<FacebookConnection> UpsertAsync(FacebookConnection connection, CancellationToken cancellationToken)
    {
        var response = await Table.UpsertEntityAsync(ToEntity(connection), TableUpdateMode.Replace, cancellationToken);
        return connection with { ETag = response.Headers.ETag ?? default };
    }

    /// <summary>Replaces the connection as it was read; null when someone changed or removed it meanwhile.</summary>
    public async Task<FacebookConnection?> TryReplaceAsync(FacebookConnection connection, CancellationToken cancellationToken) =>
        await Table.TryReplaceAsync(ToEntity(connection), connection.ETag, cancellationToken) is { } etag ? connection with { ETag = etag } : null;

    /// <summary>False when the connection does not exist (the table client answers a missing row as a success with status 404).</summary>
    public async Task<bool> DeleteAsync(string accountId, string pageId, CancellationToken cancellationToken) =>
        (await Table.DeleteEntityAsync(accountId, pageId, ETag.All, cancellationToken)).Status != 404;

    private static TableEntity ToEntity(FacebookConnection connection) => new(connection.AccountId, connection.PageId)
    {
        ["PageName"] = connection.PageName,
        ["Token"] = connection.ProtectedToken,
        ["Status"] = FacebookConnection.StatusName(connection.Status),
        ["StatusReason"] = connection.StatusReason,
        ["Created"] = connection.Created,
        ["Updated"] = connection.Updated,
        ["ThrottledUntil"] = connection.ThrottledUntil,
    };

    private static FacebookConnection ToConnection(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetString("PageName") ?? "",
        row.GetString("Token") ?? "",
        row.GetString("Status") == "needs_reauthorization" ? ConnectionStatus.NeedsReauthorization : ConnectionStatus.Active,
        row.GetString("StatusReason"),
        row.GetDateTimeOffset("Created") ?? default,
        row.GetDateTimeOffset("Updated") ?? default,
        row.GetDateTimeOffset("ThrottledUntil"))
    {
        ETag = row.ETag,
    };
}
