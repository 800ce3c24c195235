using Azure;

namespace Sentier.Core.Tokens;

/// <summary>
/// An API app: one external system's access to an account. It holds the hash of its token, never
/// the token, so nothing stored can be replayed.
/// </summary>
public sealed record ApiApp(
    string AccountId,
    string Id,
    string Name,
    string? Description,
    string TokenHint,
    string TokenHash,
    IpAllowList AllowedIps,
    DateTimeOffset? Expires,
    Scope Scopes,
    DateTimeOffset Created,
    DateTimeOffset? LastUsed,
    ETag ETag)
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MaxIpEntryLength = 64;

    public bool IsExpired(DateTimeOffset now) => Expires is { } expires && expires <= now;

    /// <summary>Whether this app can still manage the account's apps: it holds <c>apps:manage</c> and has not expired.</summary>
    public bool CanManageApps(DateTimeOffset now) => Scopes.Includes(Scope.AppsManage) && !IsExpired(now);
}
