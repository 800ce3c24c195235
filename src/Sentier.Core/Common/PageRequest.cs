using System.Globalization;

namespace Sentier.Core.Common;

/// <summary>
/// ActiveTrail paging: <c>Page</c> is 1-based, <c>Limit</c> is 1–100 (default 20). A continuation
/// token from a previous page replaces <c>Page</c> for clients that walk a whole collection: it
/// resumes after the last row returned instead of counting rows from the start.
/// </summary>
public sealed record PageRequest(int Page, int Limit, string? ContinueAfterRowKey)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Deeper pages would mean skipping more rows than any UI shows; the continuation covers walks.</summary>
    public const int MaxPage = 100_000;

    public static PageRequest First { get; } = new(1, DefaultLimit, null);

    public int Skip => (Page - 1) * Limit;

    /// <summary>Reads the raw query values; empty values count as absent, as ActiveTrail does.</summary>
    public static PageRequest Parse(string? page, string? limit, string? continuation)
    {
        var pageNumber = ParseBounded("Page", page, fallback: 1, min: 1, max: MaxPage);
        var limitNumber = ParseBounded("Limit", limit, fallback: DefaultLimit, min: 1, max: MaxLimit);
        var after = string.IsNullOrWhiteSpace(continuation) ? null : ContinuationToken.Decode(continuation);
        return new PageRequest(after is null ? pageNumber : 1, limitNumber, after);
    }

    private static int ParseBounded(string name, string? raw, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new InvalidRequestException($"'{name}' must be a whole number from {min} to {max}.");
        }

        return value;
    }
}

/// <summary>One page of results and, when more may follow, the token that continues after it.</summary>
public sealed record ItemPage<T>(IReadOnlyList<T> Items, string? Continuation);
