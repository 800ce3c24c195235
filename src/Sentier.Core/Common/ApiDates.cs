using System.Globalization;

namespace Sentier.Core.Common;

/// <summary>
/// Dates as ActiveTrail clients send and expect them: read flexibly, written as
/// <c>yyyy-MM-ddTHH:mm:ss</c> in UTC without an offset.
/// </summary>
public static class ApiDates
{

    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd", "yyyy/MM/dd"];

    /// <summary>"s", the sortable standard format, is exactly the wire format and has a fast path.</summary>
    private const string SortableFormat = "s";

    /// <summary>Whether Table Storage can keep <paramref name="value"/>: it keeps dates from 1601 on.</summary>
    public static bool IsStorable(DateTimeOffset value) => value.UtcDateTime.Year >= 1601;

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(SortableFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes the wire form as UTF-8 without allocating; <paramref name="destination"/> needs 19 bytes.</summary>
    public static int FormatUtf8(DateTimeOffset value, Span<byte> destination) =>
        value.UtcDateTime.TryFormat(destination, out var written, SortableFormat, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException("The destination is too small for a date.", nameof(destination));

    /// <summary>
    /// Parses ISO 8601 with or without an offset or fractions, and plain dates. A value without an
    /// offset is taken as UTC, which is how the wire format is written.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, DateOnlyFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
