namespace Sentier.Catalog;

/// <summary>
/// Route templates the Functions host keeps for its own endpoints. The host refuses to load an
/// HTTP function whose route, without the route prefix and with leading and trailing slashes
/// trimmed, starts with <c>admin</c> or <c>runtime</c> after lower-casing: a plain string prefix,
/// so <c>administrators</c> and <c>runtimes/x</c> are refused too (ScriptHost.ValidateHttpFunction).
/// </summary>
public static class ReservedRoutes
{
    public static IReadOnlyList<string> Prefixes { get; } = ["admin", "runtime"];

    /// <returns>The reserved prefix <paramref name="route"/> starts with, or null when the host accepts it.</returns>
    public static string? PrefixOf(string route)
    {
        var normalized = route.Trim('/').ToLowerInvariant();

        // The host compares with string.StartsWith(string), which is culture-sensitive.
        return Prefixes.FirstOrDefault(prefix => normalized.StartsWith(prefix, StringComparison.CurrentCulture));
    }
}
