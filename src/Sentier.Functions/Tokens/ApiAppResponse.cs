using Sentier.Core.Tokens;

namespace Sentier.Functions.Tokens;

/// <summary>An API app as lists and reads show it: everything but the token.</summary>
public sealed record ApiAppResponse(
    string Id,
    string Name,
    string? Description,
    string TokenHint,
    IReadOnlyList<string> AllowedIps,
    DateTimeOffset? Expires,
    DateTimeOffset Created,
    DateTimeOffset? LastUsed)
{
    public static ApiAppResponse From(ApiApp app) => new(
        app.Id, app.Name, app.Description, app.TokenHint, app.AllowedIps.Entries, app.Expires, app.Created, app.LastUsed);
}

/// <summary>The one response that carries the token: the answer to creating an app.</summary>
public sealed record IssuedApiAppResponse(
    string Id,
    string Name,
    string? Description,
    string TokenHint,
    IReadOnlyList<string> AllowedIps,
    DateTimeOffset? Expires,
    DateTimeOffset Created,
    DateTimeOffset? LastUsed,
    string Token)
{
    public static IssuedApiAppResponse From(ApiApp app, string token) => new(
        app.Id, app.Name, app.Description, app.TokenHint, app.AllowedIps.Entries, app.Expires, app.Created, app.LastUsed, token);
}
