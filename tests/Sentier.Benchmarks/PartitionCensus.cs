using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Sentier.Benchmarks;

/// <summary>
/// The rows of one partition of the <c>Contacts</c> table, by row-key prefix (<c>c-</c>, <c>e-</c>,
/// …; see src/Sentier.Core/Contacts/ContactKeys.cs). Comparing a census taken before a phase with
/// one taken after counts what the phase wrote, from storage itself rather than from the design.
/// </summary>
public sealed class PartitionCensus
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["c-"] = "contact",
        ["e-"] = "email index",
        ["s-"] = "sms index",
        ["m-"] = "group member",
        ["n-"] = "group counter delta",
        ["o-"] = "change record (outbox)",
        ["u-"] = "unsubscribe index",
        ["a-"] = "id allocator",
        ["g-"] = "group",
        ["f-"] = "field labels",
    };

    private readonly Dictionary<string, TableEntity> _rows;

    private readonly bool _keysOnly;

    private PartitionCensus(Dictionary<string, TableEntity> rows, bool keysOnly)
    {
        _rows = rows;
        _keysOnly = keysOnly;
    }

    public int Count => _rows.Count;

    /// <summary>Reads the partition; with <paramref name="keysOnly"/> only RowKey and Timestamp, which is all counting needs.</summary>
    public static async Task<PartitionCensus> TakeAsync(TableClient table, string partitionKey, bool keysOnly, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var query = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"),
            maxPerPage: 1000,
            select: keysOnly ? ["RowKey", "Timestamp"] : null,
            cancellationToken: cancellationToken);
        await foreach (var row in query)
        {
            rows[row.RowKey] = row;
        }

        return new PartitionCensus(rows, keysOnly);
    }

    public static string PrefixOf(string rowKey) =>
        rowKey.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? rowKey[..(dash + 1)] : rowKey;

    public static string Meaning(string prefix) => Meanings.GetValueOrDefault(prefix, "?");

    /// <summary>What was written between <paramref name="before"/> and this census: new rows, and rows whose timestamp moved.</summary>
    public CensusDelta Since(PartitionCensus before)
    {
        var created = new List<TableEntity>();
        var updated = new List<TableEntity>();
        foreach (var (rowKey, row) in _rows)
        {
            if (!before._rows.TryGetValue(rowKey, out var old))
            {
                created.Add(row);
            }
            else if (old.Timestamp != row.Timestamp)
            {
                updated.Add(row);
            }
        }

        var deleted = before._rows.Keys.Count(rowKey => !_rows.ContainsKey(rowKey));
        return new CensusDelta(created, updated, deleted, WholeRows: !_keysOnly);
    }
}

/// <summary>The rows a phase created and updated in one partition.</summary>
public sealed record CensusDelta(IReadOnlyList<TableEntity> Created, IReadOnlyList<TableEntity> Updated, int Deleted, bool WholeRows)
{
    public int Written => Created.Count + Updated.Count;

    /// <summary>Rows created, per key prefix, in prefix order.</summary>
    public IReadOnlyList<(string Prefix, int Created, int Updated)> ByPrefix() =>
        Created.Select(row => (Prefix: PartitionCensus.PrefixOf(row.RowKey), Created: 1, Updated: 0))
            .Concat(Updated.Select(row => (Prefix: PartitionCensus.PrefixOf(row.RowKey), Created: 0, Updated: 1)))
            .GroupBy(row => row.Prefix, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (group.Key, group.Sum(row => row.Created), group.Sum(row => row.Updated)))
            .ToList();

    /// <summary>Prints what was written, per prefix and per contact; sizes only when the census read whole rows.</summary>
    public void Print(string title, int contacts)
    {
        Console.WriteLine($"{title}: {Created.Count:N0} rows created, {Updated.Count:N0} updated, {Deleted:N0} deleted, for {contacts:N0} contacts");
        var sizes = Created.Where(_ => WholeRows).GroupBy(row => PartitionCensus.PrefixOf(row.RowKey))
            .ToDictionary(group => group.Key, group => (Properties: group.Average(UserProperties), Bytes: group.Average(ApproximateBytes)));
        const string Row = "  {0,-4} {1,-24} {2,9} {3,9} {4,12} {5,11} {6,11}";
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, "key", "row", "created", "updated", "per contact", "properties", "~bytes/row"));
        foreach (var (prefix, created, updated) in ByPrefix())
        {
            var size = sizes.TryGetValue(prefix, out var s) ? s : default;
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                Row,
                prefix,
                PartitionCensus.Meaning(prefix),
                created.ToString("N0", CultureInfo.InvariantCulture),
                updated.ToString("N0", CultureInfo.InvariantCulture),
                ((double)(created + updated) / contacts).ToString("0.0000", CultureInfo.InvariantCulture),
                size.Bytes > 0 ? size.Properties.ToString("0.0", CultureInfo.InvariantCulture) : "-",
                size.Bytes > 0 ? size.Bytes.ToString("N0", CultureInfo.InvariantCulture) : "-"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  entities written per contact: {(double)Written / contacts:0.000} ({(double)Created.Count / contacts:0.000} created + {(double)Updated.Count / contacts:0.000} updated)"));
    }

    private static double UserProperties(TableEntity row) => row.Keys.Count(IsUserProperty);

    /// <summary>
    /// Roughly what the row weighs on the wire: key and property names and values as UTF-8, binary
    /// as its bytes. Enough to compare kinds of rows, not a billing figure.
    /// </summary>
    public static int ApproximateBytes(TableEntity row) =>
        Encoding.UTF8.GetByteCount(row.PartitionKey) + Encoding.UTF8.GetByteCount(row.RowKey)
        + row.Where(pair => IsUserProperty(pair.Key)).Sum(pair => Encoding.UTF8.GetByteCount(pair.Key) + pair.Value switch
        {
            null => 0,
            string text => Encoding.UTF8.GetByteCount(text),
            byte[] bytes => bytes.Length,
            BinaryData data => data.ToMemory().Length,
            _ => 8,
        });

    public static bool IsUserProperty(string name) =>
        name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag");
}
