using System.Buffers;
using Azure.Data.Tables;

namespace Sentier.Core.Storage;

/// <summary>
/// The Table service's size limits on an entity-group transaction, and upper bounds of what an
/// operation costs against them, computed from the rows to write without serialising them. The
/// storage client sends a transaction as one multipart body: per operation a few headers, a request
/// line with the row's keys percent-encoded in the URL, and the entity as JSON in which every
/// character outside printable ASCII (and the HTML-sensitive <c>" &amp; ' + &lt; &gt; `</c>) is
/// escaped as <c>\uXXXX</c>, six bytes. The service refuses a body over 4 MiB (413
/// <c>RequestBodyTooLarge</c>), an entity over 1 MiB (<c>EntityTooLarge</c>), a string over 32K
/// UTF-16 characters or a binary value over 64 KiB (<c>PropertyValueTooLarge</c>) and more than
/// 255 properties. docs/architecture.md explains how transactions are packed under these.
/// </summary>
public static class TransactionSize
{
    public const int MaxPayloadBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Where packing stops. The bounds below already over-count; the margin also covers the
    /// transaction's own envelope and an endpoint longer than <see cref="OperationAllowance"/> assumes.
    /// </summary>
    public const int PayloadBudget = MaxPayloadBytes - 256 * 1024;

    public const int MaxEntityBytes = 1024 * 1024;

    public const int MaxBinaryBytes = 64 * 1024;

    public const int MaxStringChars = 32 * 1024;

    /// <summary>Properties of one entity, counting PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxProperties = 255;

    /// <summary>
    /// Boundary, part and request headers, method, query string and the table's endpoint (written
    /// twice: in the request line and as <c>Host</c>) of one operation: about 450 bytes on Azure
    /// and Azurite, so endpoints of up to about 250 characters fit the allowance.
    /// </summary>
    private const int OperationAllowance = 1024;

    /// <summary><c>,"name@odata.type":"Edm.DateTime"</c> beyond the name itself: the longest type annotation.</summary>
    private const int TypeAnnotationBytes = 27;

    /// <summary>What one operation adds to a transaction's body, and whether its entity is within the per-entity limits.</summary>
    public static OperationSize Measure(TableTransactionAction action)
    {
        var entity = action.Entity as TableEntity
            ?? throw new ArgumentException($"Only {nameof(TableEntity)} rows can be measured, not {action.Entity.GetType().Name}.", nameof(action));

        // The entity as JSON, and as the service sizes a stored entity (2 bytes per character plus
        // fixed overheads, docs "Understanding the Table service data model"): both must stay under 1 MiB.
        long json = 2;
        long stored = 4;
        var withinLimits = entity.Count <= MaxProperties - 1;
        foreach (var (name, value) in entity)
        {
            var nameBytes = JsonStringBytes(name);
            json += nameBytes + 2;
            stored += 8 + 2L * name.Length;
            switch (value)
            {
                case null:
                    json += 4;
                    break;
                case string text:
                    json += JsonStringBytes(text);
                    stored += 4 + 2L * text.Length;
                    withinLimits &= text.Length <= MaxStringChars;
                    break;
                case bool:
                    json += 5;
                    stored += 1;
                    break;
                case int:
                    json += 11;
                    stored += 4;
                    break;
                case long or double or DateTimeOffset or DateTime or Guid:
                    // Written as quoted text with a type annotation: "-9223372036854775808", a round-trip double, an ISO date with 7 decimals.
                    json += 38 + nameBytes + TypeAnnotationBytes;
                    stored += 16;
                    break;
                case byte[] or BinaryData:
                    var length = value is byte[] bytes ? bytes.Length : ((BinaryData)value).ToMemory().Length;
                    json += Base64Bytes(length) + 2 + nameBytes + TypeAnnotationBytes;
                    stored += 4 + length;
                    withinLimits &= length <= MaxBinaryBytes;
                    break;
                default:
                    throw new ArgumentException($"Property '{name}' has a type the transaction size is not known for: {value.GetType().Name}.", nameof(action));
            }
        }

        withinLimits &= json <= MaxEntityBytes && stored <= MaxEntityBytes;
        var payload = OperationAllowance + UrlBytes(entity.PartitionKey) + UrlBytes(entity.RowKey) + action.ETag.ToString().Length + json;
        return new OperationSize(payload, withinLimits);
    }

    /// <summary>
    /// At least the bytes of <paramref name="text"/> as a JSON string (quotes included), however it
    /// is escaped: six bytes for every UTF-16 unit that an encoder might escape, one for the rest.
    /// </summary>
    public static long JsonStringBytes(string text)
    {
        var span = text.AsSpan();
        long bytes = 2 + span.Length;
        var first = span.IndexOfAnyExcept(NeverEscaped);
        if (first >= 0)
        {
            foreach (var c in span[first..])
            {
                bytes += NeverEscaped.Contains(c) ? 0 : 5;
            }
        }

        return bytes;
    }

    public static long Base64Bytes(long length) => (length + 2) / 3 * 4;

    /// <summary>Printable ASCII that no JSON encoder escapes; everything else may become <c>\uXXXX</c>.</summary>
    private static readonly SearchValues<char> NeverEscaped =
        SearchValues.Create(string.Concat(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(c => c is not ('"' or '\\' or '&' or '\'' or '+' or '<' or '>' or '`'))));

    private static readonly SearchValues<char> Unreserved = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");

    /// <summary>
    /// A key in the URL: <c>'</c> is doubled, then everything but unreserved ASCII is
    /// percent-encoded as UTF-8 (at most three bytes, nine characters, per UTF-16 unit).
    /// </summary>
    private static long UrlBytes(string key)
    {
        var span = key.AsSpan();
        long bytes = span.Length;
        var first = span.IndexOfAnyExcept(Unreserved);
        if (first >= 0)
        {
            foreach (var c in span[first..])
            {
                bytes += Unreserved.Contains(c) ? 0 : c < 128 ? 5 : 8;
            }
        }

        return bytes;
    }
}

/// <summary>
/// What one operation adds to a transaction's body (an upper bound), and whether its entity stays
/// within the per-entity and per-property limits.
/// </summary>
public readonly record struct OperationSize(long PayloadBytes, bool WithinEntityLimits);
