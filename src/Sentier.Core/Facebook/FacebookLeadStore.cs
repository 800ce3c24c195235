using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Facebook;

/// <summary>What became of one lead: the contact it was written to, or why it was skipped.</summary>
public sealed record LeadRecord(string LeadId, DateTimeOffset CreatedTime, long? ContactId, string? SkipReason, DateTimeOffset Recorded);

/// <summary>How many of a form's leads were imported and skipped: the form's <c>leads_imported</c> and <c>leads_skipped</c>.</summary>
public sealed record LeadTally(long Imported, long Skipped)
{
    public static readonly LeadTally None = new(0, 0);

    /// <summary>The tally row as read; default when it does not exist yet.</summary>
    public ETag ETag { get; init; }
}

/// <summary>
/// The <c>FacebookLeads</c> table: one row per lead a form's sync has handled, PK
/// <c>{accountId}_{formId}</c>, RK the lead's creation time inverted (newest first) and its id.
/// A lead's creation time never changes, so its key is known before it is looked up: one range
/// query finds which leads of a Graph page are recorded already, and that is what makes every
/// lead land exactly once across overlapping windows, retries and restarts. Beside the records,
/// the partition's <see cref="TallyKey"/> row counts them, written in the same transaction as the
/// records it counts, so the counters can neither miss a record nor count one twice, whichever
/// worker stops or overlaps another.
/// </summary>
public sealed class FacebookLeadStore(TableServiceClient tables)
{
    /// <summary>One transaction: up to 99 records and the tally row.</summary>
    private const int RecordsPerTransaction = 99;

    private const int MaxAttempts = 10;

    /// <summary>The first collision's longest wait; each next one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Sorts before every record key (those start with a digit), so listing the records leaves it out.</summary>
    private const string TallyKey = "!tally";

    /// <summary>Record keys are 19 digits, an underscore and the lead id.</summary>
    private const string FirstRecordKey = "0";

    private const string AfterLastRecordKey = ":";

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

    /// <summary>
    /// Records the leads that are not recorded yet and counts them in the tally, in one transaction
    /// per 99 records. A lead recorded meanwhile (by an overlapping worker) is left as it is and not
    /// counted again.
    /// </summary>
    /// <exception cref="ConflictException">Other writers won every one of the tries: the chunk being written is not recorded (those before it are).</exception>
    /// <param name="tally">The tally as this caller last wrote or read it (saves a read); null to read it.</param>
    /// <returns>The tally after the write.</returns>
    public async Task<LeadTally> RecordAsync(
        string accountId, string formId, IReadOnlyList<LeadRecord> records, LeadTally? tally, CancellationToken cancellationToken)
    {
        var partition = Partition(accountId, formId);
        foreach (var chunk in records.DistinctBy(record => record.LeadId).Chunk(RecordsPerTransaction))
        {
            IReadOnlyList<LeadRecord> pending = chunk;
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                tally ??= await TallyAsync(accountId, formId, cancellationToken);
                var counted = tally with
                {
                    Imported = tally.Imported + pending.Count(record => record.ContactId is not null),
                    Skipped = tally.Skipped + pending.Count(record => record.ContactId is null),
                };
                var tallyRow = new TableEntity(partition, TallyKey) { ["Imported"] = counted.Imported, ["Skipped"] = counted.Skipped };
                var actions = pending.Select(record => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, record))).Append(
                    tally.ETag == default
                        ? new TableTransactionAction(TableTransactionActionType.Add, tallyRow)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, tallyRow, tally.ETag));
                try
                {
                    var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
                    tally = counted with { ETag = response.Value[^1].Headers.ETag ?? default };
                    pending = [];
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another worker recorded some of these leads or moved the tally: nothing was written.
                    // Writers that collided wait a random share of a doubling delay, so they stop colliding.
                    if (attempt + 1 >= MaxAttempts)
                    {
                        throw new ConflictException($"The lead records of form {formId} were written by other workers at every one of {MaxAttempts} tries; these leads stay unrecorded and are stored again later.");
                    }

                    var ceiling = Math.Min(FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt), MaxRetryDelay.TotalMilliseconds);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken);
                    var recorded = await RecordedAmongAsync(accountId, formId, [.. pending.Select(record => (record.LeadId, record.CreatedTime))], cancellationToken);
                    pending = [.. pending.Where(record => !recorded.Contains(record.LeadId))];
                    tally = null;
                }
            }
        }

        return tally ?? await TallyAsync(accountId, formId, cancellationToken);
    }

    public async Task<LeadTally> TallyAsync(string accountId, string formId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(accountId, formId), TallyKey, cancellationToken: cancellationToken);
        return row.HasValue
            ? new LeadTally(row.Value!.GetInt64("Imported") ?? 0, row.Value.GetInt64("Skipped") ?? 0) { ETag = row.Value.ETag }
            : LeadTally.None;
    }

    /// <summary>A page of the form's leads, newest first.</summary>
    public Task<ItemPage<LeadRecord>> ListAsync(string accountId, string formId, PageRequest page, CancellationToken cancellationToken) =>
        PartitionPager.ReadAsync(Table, KeyRange.Between(Partition(accountId, formId), FirstRecordKey, AfterLastRecordKey), page, ToRecord, cancellationToken);

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
