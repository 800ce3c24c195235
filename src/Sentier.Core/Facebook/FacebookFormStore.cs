using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Storage;

namespace Sentier.Core.Facebook;

/// <summary>
/// The <c>FacebookForms</c> table. A form row has PK account id and RK form id, so an account's
/// forms are one partition. Meta's webhook names a form but not an account, so beside each form
/// row an index row (PK <c>f</c> + form id, RK account id) says which accounts sync that form.
/// The poller finds the active forms of every account with one query on <c>IsActive</c>.
/// </summary>
public sealed class FacebookFormStore(TableServiceClient tables)
{
    private const string IndexPrefix = "f";

    public TableClient Table { get; } = tables.GetTableClient(StorageNames.FacebookFormsTable);

    public async Task<FacebookForm?> FindAsync(string accountId, string formId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, formId, cancellationToken: cancellationToken);
        return row.HasValue ? ToForm(row.Value!) : null;
    }

    public async Task<IReadOnlyList<FacebookForm>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var forms = new List<FacebookForm>();
        await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == accountId, cancellationToken: cancellationToken))
        {
            forms.Add(ToForm(row));
        }

        return forms;
    }

    /// <summary>Every active form of every account (index rows have no <c>IsActive</c>).</summary>
    public async IAsyncEnumerable<FacebookForm> ListActiveAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>("IsActive eq true", cancellationToken: cancellationToken))
        {
            yield return ToForm(row);
        }
    }

    /// <summary>The accounts that sync <paramref name="formId"/>.</summary>
    public async Task<IReadOnlyList<string>> AccountsOfAsync(string formId, CancellationToken cancellationToken)
    {
        var accounts = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == IndexPrefix + formId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            accounts.Add(row.RowKey);
        }

        return accounts;
    }

    /// <summary>Adds a new form (index row first, so the webhook can always find a form that exists); null when it exists already.</summary>
    public async Task<FacebookForm?> TryAddAsync(FacebookForm form, CancellationToken cancellationToken)
    {
        await Table.UpsertEntityAsync(new TableEntity(IndexPrefix + form.FormId, form.AccountId), TableUpdateMode.Replace, cancellationToken);
        try
        {
            var response = await Table.AddEntityAsync(ToEntity(form), cancellationToken);
            return form with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces the form as it was read; null when someone changed or removed it meanwhile.</summary>
    public async Task<FacebookForm?> TryReplaceAsync(FacebookForm form, CancellationToken cancellationToken) =>
        await Table.TryReplaceAsync(ToEntity(form), form.ETag, cancellationToken) is { } etag ? form with { ETag = etag } : null;

    /// <summary>Deletes the form row, then its index row; false when the form does not exist (the table client answers a missing row as a success with status 404).</summary>
    public async Task<bool> DeleteAsync(string accountId, string formId, CancellationToken cancellationToken)
    {
        var deleted = (await Table.DeleteEntityAsync(accountId, formId, ETag.All, cancellationToken)).Status != 404;
        await Table.DeleteEntityAsync(IndexPrefix + formId, accountId, ETag.All, cancellationToken);
        return deleted;
    }

    private static TableEntity ToEntity(FacebookForm form) => new(form.AccountId, form.FormId)
    {
        ["PageId"] = form.PageId,
        ["GroupId"] = form.GroupId,
        ["IsActive"] = form.IsActive,
        ["Mapping"] = JsonSerializer.Serialize(form.Mapping.Custom),
        ["Since"] = form.Since,
        ["Created"] = form.Created,
        ["Updated"] = form.Updated,
        ["Checkpoint"] = form.CheckpointUnix,
        ["LastSynced"] = form.LastSyncedUtc,
        ["LastLeadCreated"] = form.LastLeadCreatedTime,
        ["LastError"] = form.LastError,
        ["NextSync"] = form.NextSyncUtc,
        ["LeaseOwner"] = form.LeaseOwner,
        ["LeaseUntil"] = form.LeaseUntil,
        ["ResyncRequested"] = form.ResyncRequested,
    };

    private static FacebookForm ToForm(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetString("PageId") ?? "",
        row.GetInt64("GroupId"),
        row.GetBoolean("IsActive") ?? false,
        LeadMapping.FromStored(JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Mapping") ?? "{}") ?? []),
        row.GetDateTimeOffset("Since") ?? default,
        row.GetDateTimeOffset("Created") ?? default,
        row.GetDateTimeOffset("Updated") ?? default)
    {
        ETag = row.ETag,
        CheckpointUnix = row.GetInt64("Checkpoint"),
        LastSyncedUtc = row.GetDateTimeOffset("LastSynced"),
        LastLeadCreatedTime = row.GetDateTimeOffset("LastLeadCreated"),
        LastError = row.GetString("LastError"),
        NextSyncUtc = row.GetDateTimeOffset("NextSync"),
        LeaseOwner = row.GetString("LeaseOwner"),
        LeaseUntil = row.GetDateTimeOffset("LeaseUntil"),
        ResyncRequested = row.GetBoolean("ResyncRequested") ?? false,
    };
}
