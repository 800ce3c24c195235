using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Security;

namespace Sentier.Core.Facebook;

/// <summary>Where to send the user to log in with Facebook, and the state that must come back.</summary>
public sealed record OAuthStart(Uri Url, string State, DateTimeOffset ExpiresUtc);

/// <summary>
/// Connecting Pages the way users do: the login dialog URL (with a <c>state</c> bound to the account
/// and expiring), then the callback's code → user token → long-lived token → <c>/me/accounts</c>,
/// whose Page tokens are stored. The state is the redirect URI and expiry encrypted and
/// authenticated with <see cref="SecretProtector"/> for this account, so it cannot be forged,
/// altered, or used by another account.
/// </summary>
public sealed class FacebookOAuth(
    IOptions<FacebookOptions> options, SecretProtector protector, FacebookGraphClient graph, FacebookConnectionService connections, TimeProvider clock)
{
    public const string StatePurpose = "facebook-oauth-state";

    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(15);

    private readonly FacebookOptions _options = options.Value;

    public OAuthStart Start(string accountId, string? redirectUri)
    {
        if (!FacebookOptions.IsSet(_options.AppId))
        {
            throw new ConflictException("Facebook login is not configured on this service (Facebook:AppId).");
        }

        // No default: the request's Host header is the caller's to choose, and the callback route
        // needs an API token, which a browser coming back from Facebook does not carry.
        if (_options.RedirectUriList is not { Count: > 0 } configured)
        {
            throw new ConflictException(
                "Facebook__RedirectUris is not configured: the operator sets it to the page(s) of your UI that receive ?code&state from Facebook and call oauth/callback (comma-separated absolute URLs, also listed as Valid OAuth Redirect URIs of the Meta app).");
        }

        var redirect = ParseRedirect(redirectUri);
        var allowed = configured.Select(entry => new Uri(entry)).ToList();
        if (!allowed.Any(uri => uri.GetLeftPart(UriPartial.Path) == redirect.GetLeftPart(UriPartial.Path)))
        {
            throw new InvalidRequestException(
                $"'redirect_uri' is not a page this service sends Facebook logins back to ({string.Join(", ", allowed.Select(uri => uri.GetLeftPart(UriPartial.Path)))}); the operator lists others in Facebook__RedirectUris.");
        }

        var expires = clock.GetUtcNow() + StateLifetime;
        var payload = JsonSerializer.Serialize(new StatePayload(redirect.AbsoluteUri, expires.ToUnixTimeSeconds(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
        var state = Base64Url(protector.Protect(payload, StatePurpose, accountId));
        var query = string.Join('&', new[]
        {
            ("client_id", _options.AppId!),
            ("redirect_uri", redirect.AbsoluteUri),
            ("state", state),
            ("response_type", "code"),
            ("scope", string.Join(',', FacebookOptions.LoginScopes)),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var url = new Uri($"{_options.DialogBaseUrl.TrimEnd('/')}/{_options.GraphVersion.Trim('/')}/dialog/oauth?{query}");
        return new OAuthStart(url, state, expires);
    }

    /// <param name="pageIds">The Pages to connect; null connects every Page the user manages.</param>
    public async Task<IReadOnlyList<FacebookConnection>> CallbackAsync(
        string accountId, string? code, string? state, IReadOnlyList<string>? pageIds, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 2000)
        {
            throw new InvalidRequestException("'code' is required: the code Facebook's login dialog returned.");
        }

        if (!FacebookOptions.IsSet(_options.AppId) || !FacebookOptions.IsSet(_options.AppSecret))
        {
            throw new ConflictException("Facebook login is not configured on this service (Facebook:AppId and Facebook:AppSecret).");
        }

        var redirect = ReadState(accountId, state);
        var pages = await GraphCalls.RunAsync(async () =>
        {
            var userToken = await graph.ExchangeCodeAsync(code, redirect, cancellationToken);
            var longLived = await graph.ExchangeForLongLivedAsync(userToken, cancellationToken);
            return await graph.ListManagedPagesAsync(longLived, cancellationToken);
        });

        var chosen = pageIds is null ? pages : pages.Where(page => pageIds.Contains(page.Id, StringComparer.Ordinal)).ToList();
        if (pageIds?.FirstOrDefault(id => pages.All(page => page.Id != id)) is { } missing)
        {
            throw new InvalidRequestException($"The Facebook user does not manage Page '{MessageText.Clip(missing)}'.");
        }

        if (chosen.Count == 0)
        {
            throw new InvalidRequestException("The Facebook user manages no Page this app may read; check the permissions granted in the dialog.");
        }

        await connections.RequireRoomAsync(accountId, [.. chosen.Select(page => page.Id)], cancellationToken);
        var connected = new List<FacebookConnection>();
        foreach (var page in chosen)
        {
            connected.Add(await connections.SaveAsync(accountId, page, cancellationToken));
        }

        return connected;
    }

    /// <summary>The redirect URI the state was issued for, when it is this account's and not expired.</summary>
    private string ReadState(string accountId, string? state)
    {
        if (string.IsNullOrWhiteSpace(state) || state.Length > 2000)
        {
            throw new InvalidRequestException("'state' is required: the state oauth/start returned.");
        }

        StatePayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<StatePayload>(protector.Unprotect(FromBase64Url(state), StatePurpose, accountId));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            throw new InvalidRequestException("'state' is not one this account was given by oauth/start.");
        }

        if (payload is null || DateTimeOffset.FromUnixTimeSeconds(payload.Expires) < clock.GetUtcNow())
        {
            throw new InvalidRequestException("'state' has expired; start the login again.");
        }

        return payload.Redirect;
    }

    private static Uri ParseRedirect(string? redirectUri)
    {
        if (string.IsNullOrWhiteSpace(redirectUri) || redirectUri.Length > 2000
            || !Uri.TryCreate(redirectUri.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidRequestException("'redirect_uri' is required: the absolute http(s) URL, registered with the Meta app, that Facebook sends the user back to.");
        }

        return uri;
    }

    private static string Base64Url(string base64) => base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return base64 + new string('=', (4 - (base64.Length % 4)) % 4);
    }

    private sealed record StatePayload(string Redirect, long Expires, string Nonce);
}
