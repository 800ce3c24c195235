using System.Globalization;
using System.Net;
using System.Text.Json;
using Sentier.Core.Common;

namespace Sentier.Core.Facebook;

public enum GraphFailureKind
{
    /// <summary>A rate limit (codes 4, 17, 32, 613, 80000–80014): wait until <see cref="GraphException.RetryAt"/>.</summary>
    Throttled,

    /// <summary>The token expired or was revoked (190, 102, 463, 467): only a reconnect helps.</summary>
    TokenInvalid,

    /// <summary>Graph answered 5xx (or timed out) and went on doing so through the client's retries.</summary>
    Unavailable,

    /// <summary>Anything else Graph refused (permissions, unknown ids, malformed answers).</summary>
    Refused,
}

/// <summary>
/// A Graph API error, read from its envelope (<c>{"error":{"message","type","code","error_subcode","fbtrace_id"}}</c>)
/// and its usage headers. The message is Graph's, clipped and with any token removed: it is shown
/// to the account as <c>last_error</c> and written to the log.
/// </summary>
public sealed class GraphException(GraphFailureKind kind, string message, int? code, DateTimeOffset? retryAt, bool appWide, string? traceId)
    : Exception(message)
{
    public GraphFailureKind Kind => kind;

    public int? Code => code;

    /// <summary>When a throttled caller may try again; null for other failures.</summary>
    public DateTimeOffset? RetryAt => retryAt;

    /// <summary>Throttled for the whole app (code 4, or <c>X-App-Usage</c> at 100%), not one Page.</summary>
    public bool AppWide => appWide;

    /// <summary>Graph's <c>fbtrace_id</c>, the id Meta's support asks for.</summary>
    public string? TraceId => traceId;
}

/// <summary>Turns a Graph answer that is not a success into a <see cref="GraphException"/>.</summary>
public static class GraphFailures
{
    /// <summary>Used when a throttled answer carries no <c>estimated_time_to_regain_access</c>.</summary>
    public static readonly TimeSpan DefaultBackoff = TimeSpan.FromMinutes(10);

    private static readonly HashSet<int> TokenCodes = [190, 102, 463, 467];

    private static readonly HashSet<int> ThrottleCodes = [4, 17, 32, 613];

    public static bool IsThrottleCode(int code) => ThrottleCodes.Contains(code) || code is >= 80000 and <= 80014;

    /// <param name="knownSecrets">The token and secrets the request carried: Graph may quote them in its message.</param>
    public static GraphException Read(HttpStatusCode status, JsonElement? body, Func<string, string?> header, DateTimeOffset now, params IEnumerable<string?> knownSecrets)
    {
        var error = body is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : (JsonElement?)null;
        var code = error is { } er && er.TryGetProperty("code", out var c) && c.TryGetInt32(out var value) ? value : (int?)null;
        var subcode = error is { } es && es.TryGetProperty("error_subcode", out var s) && s.TryGetInt32(out var sub) ? sub : (int?)null;
        var trace = error is { } et && et.TryGetProperty("fbtrace_id", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var text = error is { } em && em.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var message = MessageText.Clip(GraphUrls.RedactTokens(text ?? $"Graph answered HTTP {(int)status}", knownSecrets), 300);
        var described = code is { } known
            ? $"{message} (Graph error {known.ToString(CultureInfo.InvariantCulture)}{(subcode is { } sc ? "/" + sc.ToString(CultureInfo.InvariantCulture) : "")})"
            : message;

        var appUsage = GraphUsage.AppUsagePercent(header("X-App-Usage"));
        if (code is { } throttle && IsThrottleCode(throttle) || appUsage >= 100)
        {
            var wait = GraphUsage.RegainAccess(header("X-Business-Use-Case-Usage")) ?? DefaultBackoff;
            return new GraphException(GraphFailureKind.Throttled, described, code, now + wait, appWide: code == 4 || appUsage >= 100, trace);
        }

        if (code is { } token && TokenCodes.Contains(token))
        {
            return new GraphException(GraphFailureKind.TokenInvalid, described, code, null, appWide: false, trace);
        }

        if ((int)status >= 500)
        {
            return new GraphException(
                GraphFailureKind.Unavailable, $"Facebook is unavailable (HTTP {(int)status}) after retries: {described}", code, null, appWide: false, trace);
        }

        return new GraphException(GraphFailureKind.Refused, described, code, null, appWide: false, trace);
    }
}

/// <summary>The usage headers Graph sends instead of Retry-After; each carries JSON.</summary>
public static class GraphUsage
{
    /// <summary>The highest of <c>call_count</c>, <c>total_cputime</c>, <c>total_time</c> in <c>X-App-Usage</c> (percent of the limit).</summary>
    public static int AppUsagePercent(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return 0;
        }

        try
        {
            using var document = JsonDocument.Parse(header);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out _))
                    .Select(p => p.Value.GetInt32())
                    .DefaultIfEmpty(0)
                    .Max()
                : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The longest <c>estimated_time_to_regain_access</c> (minutes) in <c>X-Business-Use-Case-Usage</c>
    /// (<c>{"&lt;id&gt;":[{"type":…,"estimated_time_to_regain_access":N}]}</c>); null when none is above zero.
    /// </summary>
    public static TimeSpan? RegainAccess(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var minutes = 0;
            foreach (var business in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
            {
                foreach (var entry in business.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    if (entry.TryGetProperty("estimated_time_to_regain_access", out var regain) && regain.TryGetInt32(out var value))
                    {
                        minutes = Math.Max(minutes, value);
                    }
                }
            }

            return minutes > 0 ? TimeSpan.FromMinutes(Math.Min(minutes, 24 * 60)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
