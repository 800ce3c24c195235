using System.Globalization;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Facebook;

/// <summary>What became of one lead: the contact it was written to, or why it was skipped.</summary>
public sealed record LeadRecord(string LeadId, DateTimeOffset CreatedTime, long? ContactId, string? SkipReason, DateTimeOffset Recorded);

/// <summary>
/// The <c>FacebookLeads</c> table: one row per lead a form's sync has handled, PK
/// <c>{accountId}_{formId}</c>, RK the lead's creation time inverted (newest first) and its id.
/// A lead's creation time never changes, so its key is known before it is looked up: one range
/// query finds which leads of a Graph page are recorded already, and that is what makes every
/// lead land exactly once across overlapping windows, retries and restarts.
/// </summary>
public sealed class FacebookLeadStore(TableServiceClient tables)
{
    private const int TransactionLimit = 100;

    public TableClient Table { get; } = tables.GetTableClient(StorageNames.FacebookLeadsTable);

    public static string Partition(string accountId, string formId) => $"{accountId}_{formId}";

    public static string RowKey(DateTimeOffset created, string leadId) =>
        (long.MaxValue - created.ToUnixTimeSeconds()).ToString("D19", CultureInfo.InvariantCulture) + "_" + leadId;

    /// <summary>The ids among <paramref name="leads"/> that are recorded already.</summary>
    public async Task<HashSet<string>> RecordedAmongAsync(
        string accountId, string formId, IReadOnlyList<(string LeadId, DateTimeOffset Created)> leads, CancellationToken cancellationToken)
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        if (leads.Count == 0)
        {
            return recorded;
        }

        var keys = leads.Select(lead => RowKey(lead.Created, lead.LeadId)).Order(StringComparer.Ordinal).ToList();
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var range = KeyRange.Between(Partition(accountId, formId), keys[0], keys[^1] + "\uffff");
        await foreach (var row in Table.QueryAsync<TableEntity>(range.Filter(null), select: ["RowKey", "LeadId"], cancellationToken: cancellationToken))
        {
            if (wanted.Contains(row.RowKey))
            {
                recorded.Add(row.GetString("LeadId")!);
            }
        }

        return recorded;
    }

    /// <summary>Records the leads, 100 to a transaction; recording one twice leaves one row.</summary>
    public async Task RecordAsync(string accountId, string formId, IReadOnlyList<LeadRecord> records, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, formId);
        foreach (var chunk in records.DistinctBy(record => record.LeadId).Chunk(TransactionLimit))
        {
            await Table.SubmitTransactionAsync(
                chunk.Select(record => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition, record))),
                cancellationToken);
        }
    }

    /// <summary>A page of the form's leads, newest first.</summary>
    public Task<ItemPage<LeadRecord>> ListAsync(string accountId, string formId, PageRequest page, CancellationToken cancellationToken) =>
        PartitionPager.ReadAsync(Table, Partition(accountId, formId), page, ToRecord, cancellationToken);

    private static TableEntity ToEntity(string partition, LeadRecord record) => new(partition, RowKey(record.CreatedTime, record.LeadId))
    {
        ["LeadId"] = record.LeadId,
        ["CreatedTime"] = record.CreatedTime,
        ["ContactId"] = record.ContactId,
        ["SkipReason"] = record.SkipReason,
        ["Recorded"] = record.Recorded,
    };

    private static LeadRecord ToRecord(TableEntity row) => new(
        row.GetString("LeadId") ?? "",
        row.GetDateTimeOffset("CreatedTime") ?? default,
        row.GetInt64("ContactId"),
        row.GetString("SkipReason"),
        row.GetDateTimeOffset("Recorded") ?? default);
}
