using Sentier.Core.Common;

namespace Sentier.Core.Storage;

/// <summary>
/// The rows of one partition whose RowKey starts with <see cref="Prefix"/>, optionally narrowed by
/// an OData filter on properties that the service evaluates (so unmatched rows never travel).
/// </summary>
public sealed record KeyRange(string PartitionKey, string Prefix, string? PropertyFilter = null)
{
    /// <summary>The partition's rows from <paramref name="fromKey"/> (inclusive) to <paramref name="toKey"/> (exclusive).</summary>
    public static KeyRange Between(string partitionKey, string fromKey, string toKey, string? propertyFilter = null) =>
        new(partitionKey, "", propertyFilter) { From = fromKey, To = toKey };

    public string From { get; init; } = Prefix;

    /// <summary>The first key after every key with the prefix: the prefix with its last character raised by one.</summary>
    public string To { get; init; } = Prefix.Length == 0 ? "\uffff" : Prefix[..^1] + (char)(Prefix[^1] + 1);

    /// <summary>
    /// The filter for the rows of the range after <paramref name="afterRowKey"/>. A key outside
    /// the range comes from another list's continuation token (or another filter window), which is
    /// the client's mistake to hear about rather than a silent restart.
    /// </summary>
    public string Filter(string? afterRowKey)
    {
        if (afterRowKey is not null && (string.CompareOrdinal(afterRowKey, From) < 0 || string.CompareOrdinal(afterRowKey, To) >= 0))
        {
            throw new InvalidRequestException("'Continuation' belongs to another list or filter; pass it back with the request it came from.");
        }

        var lower = afterRowKey is not null
            ? $"RowKey gt {TableKeys.Quote(afterRowKey)}"
            : $"RowKey ge {TableKeys.Quote(From)}";
        var filter = $"PartitionKey eq {TableKeys.Quote(PartitionKey)} and {lower} and RowKey lt {TableKeys.Quote(To)}";
        return PropertyFilter is null ? filter : $"{filter} and ({PropertyFilter})";
    }
}
