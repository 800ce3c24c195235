using System.Globalization;

namespace Sentier.Core.Common;

/// <summary>
/// Dates as ActiveTrail clients send and expect them: read flexibly, written as
/// <c>yyyy-MM-ddTHH:mm:ss</c> in UTC without an offset.
/// </summary>
public static class ApiDates
{
    public const string WireFormat = "yyyy-MM-ddTHH:mm:ss";

    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd", "yyyy/MM/dd"];

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

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
