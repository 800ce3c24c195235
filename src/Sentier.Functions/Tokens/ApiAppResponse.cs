using Sentier.Core.Tokens;

namespace Sentier.Functions.Tokens;

/// <summary>An API app as lists and reads show it: everything but the token.</summary>
public record ApiAppResponse(
    string Id,
    string Name,
    string? Description,
    string TokenHint,
    IReadOnlyList<string> AllowedIps,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? Expires,
    DateTimeOffset Created,
    DateTimeOffset? LastUsed)
{
    public static ApiAppResponse From(ApiApp app) => new(
        app.Id, app.Name, app.Description, app.TokenHint, app.AllowedIps.Entries, Core.Tokens.Scopes.Format(app.Scopes), app.Expires, app.Created, app.LastUsed);
}

/// <summary>The one response that carries the token: the answer to creating an app.</summary>
public sealed record IssuedApiAppResponse : ApiAppResponse
{
    private IssuedApiAppResponse(ApiAppResponse app, string token)
        : base(app)
    {
        Token = token;
    }

    public string Token { get; }

    public static IssuedApiAppResponse From(ApiApp app, string token) => new(ApiAppResponse.From(app), token);
}
