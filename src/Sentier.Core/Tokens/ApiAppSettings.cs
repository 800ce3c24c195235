using Sentier.Core.Common;

namespace Sentier.Core.Tokens;

/// <summary>
/// What a caller may set on an API app. Create takes every field; update applies only the fields
/// present in the body, and an explicit <c>null</c> clears <c>description</c>,
/// <c>allowed_ips</c> or <c>expires</c>.
/// </summary>
public sealed record ApiAppSettings(string Name, string? Description, IpAllowList AllowedIps, DateTimeOffset? Expires)
{
    public static ApiAppSettings ForNewApp(JsonBody body, DateTimeOffset now) =>
        Validate(new ApiAppSettings(
            body.GetRequiredString("name", ApiApp.MaxNameLength),
            Blank(body.GetString("description", ApiApp.MaxDescriptionLength)),
            ReadAllowedIps(body) ?? IpAllowList.Empty,
            body.GetDate("expires")), now);

    public static ApiAppSettings ForUpdate(ApiApp current, JsonBody body, DateTimeOffset now) =>
        Validate(new ApiAppSettings(
            body.Has("name") ? body.GetRequiredString("name", ApiApp.MaxNameLength) : current.Name,
            body.Has("description") ? Blank(body.GetString("description", ApiApp.MaxDescriptionLength)) : current.Description,
            body.Has("allowed_ips") ? ReadAllowedIps(body) ?? IpAllowList.Empty : current.AllowedIps,
            body.Has("expires") ? body.GetDate("expires") : current.Expires), now, expiresChanged: body.Has("expires"));

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

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
