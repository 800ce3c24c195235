using Sentier.Core.Common;

namespace Sentier.Core.Tokens;

/// <summary>
/// What a caller may set on an API app. Create takes every field; update applies only the fields
/// present in the body, and an explicit <c>null</c> clears <c>description</c>,
/// <c>allowed_ips</c> or <c>expires</c>. <c>scopes</c> is a list of scope names (an empty list
/// is an app that can only check its token); it cannot be null.
/// </summary>
public sealed record ApiAppSettings(string Name, string? Description, IpAllowList AllowedIps, DateTimeOffset? Expires, Scope Scopes)
{
    private const int MaxScopeEntries = 50;
    private const int MaxScopeNameLength = 64;

    /// <param name="defaultScopes">What the app holds when the body names no <c>scopes</c>.</param>
    public static ApiAppSettings ForNewApp(JsonBody body, DateTimeOffset now, Scope defaultScopes) =>
        Validate(new ApiAppSettings(
            body.GetRequiredString("name", ApiApp.MaxNameLength),
            Blank(body.GetString("description", ApiApp.MaxDescriptionLength)),
            ReadAllowedIps(body) ?? IpAllowList.Empty,
            body.GetDate("expires"),
            ReadScopes(body) ?? defaultScopes), now);

    public static ApiAppSettings ForUpdate(ApiApp current, JsonBody body, DateTimeOffset now) =>
        Validate(new ApiAppSettings(
            body.Has("name") ? body.GetRequiredString("name", ApiApp.MaxNameLength) : current.Name,
            body.Has("description") ? Blank(body.GetString("description", ApiApp.MaxDescriptionLength)) : current.Description,
            body.Has("allowed_ips") ? ReadAllowedIps(body) ?? IpAllowList.Empty : current.AllowedIps,
            body.Has("expires") ? body.GetDate("expires") : current.Expires,
            ReadScopes(body) ?? current.Scopes), now, expiresChanged: body.Has("expires"));

    /// <summary>Whether these settings restrict the app differently from <paramref name="app"/>: its IPs, expiry or scopes.</summary>
    public bool ChangesRestrictionsOf(ApiApp app) =>
        !AllowedIps.Entries.SequenceEqual(app.AllowedIps.Entries) || Expires != app.Expires || Scopes != app.Scopes;

    private static ApiAppSettings Validate(ApiAppSettings settings, DateTimeOffset now, bool expiresChanged = true)
    {
        if (expiresChanged && settings.Expires is { } expires && expires <= now)
        {
            throw new InvalidRequestException("'expires' must be in the future.");
        }

        return settings;
    }

    private static IpAllowList? ReadAllowedIps(JsonBody body) =>
        body.GetStringList("allowed_ips", IpAllowList.MaxEntries, ApiApp.MaxIpEntryLength) is { } entries
            ? IpAllowList.Parse(entries)
            : null;

    private static Scope? ReadScopes(JsonBody body)
    {
        if (!body.Has(Tokens.Scopes.FieldName))
        {
            return null;
        }

        var names = body.GetStringList(Tokens.Scopes.FieldName, MaxScopeEntries, MaxScopeNameLength)
            ?? throw new InvalidRequestException($"'{Tokens.Scopes.FieldName}' must be a list of scope names ([] for none), not null.");
        return Tokens.Scopes.Parse(names);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
