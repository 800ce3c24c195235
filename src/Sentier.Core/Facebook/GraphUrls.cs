using System.Text.RegularExpressions;

namespace Sentier.Core.Facebook;

/// <summary>
/// Graph URLs without secrets. <c>paging.next</c> is a complete URL that carries the
/// <c>access_token</c> (and sometimes <c>appsecret_proof</c>) of the request it continues; the token
/// goes in the Authorization header instead, so no URL this app requests, logs or stores holds it.
/// </summary>
public static partial class GraphUrls
{
    private static readonly string[] SecretParameters = ["access_token", "appsecret_proof", "client_secret", "fb_exchange_token", "code"];

    /// <summary>
    /// The next page's URL with its secret parameters removed, or null when it points anywhere but
    /// the configured Graph server (a token is never sent to another host).
    /// </summary>
    public static Uri? NextPage(string? next, Uri graphRoot)
    {
        if (string.IsNullOrEmpty(next) || !Uri.TryCreate(next, UriKind.Absolute, out var url))
        {
            return null;
        }

        if (!url.Scheme.Equals(graphRoot.Scheme, StringComparison.OrdinalIgnoreCase)
            || !url.Host.Equals(graphRoot.Host, StringComparison.OrdinalIgnoreCase)
            || url.Port != graphRoot.Port)
        {
            return null;
        }

        var kept = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !SecretParameters.Contains(Uri.UnescapeDataString(part.Split('=', 2)[0]), StringComparer.OrdinalIgnoreCase));
        var query = string.Join('&', kept);
        return new Uri(url.GetLeftPart(UriPartial.Path) + (query.Length > 0 ? "?" + query : ""));
    }

    /// <summary>The path alone, which is what logs show of a Graph request.</summary>
    public static string ForLog(Uri url) => url.AbsolutePath;

    /// <summary>
    /// Text with the secrets it may hold replaced: <paramref name="knownSecrets"/> (the token and
    /// app secret of the request) wherever they appear, every <c>access_token=…</c> value (and the
    /// other secret parameters), and anything shaped like a Facebook access token (<c>EAA…</c>).
    /// </summary>
    public static string RedactTokens(string text, params IEnumerable<string?> knownSecrets)
    {
        foreach (var secret in knownSecrets.Where(secret => !string.IsNullOrEmpty(secret)))
        {
            text = text.Replace(secret!, "[redacted]", StringComparison.Ordinal);
        }

        text = SecretValue().Replace(text, match => match.Groups[1].Value + "=[redacted]");
        return FacebookTokenShape().Replace(text, "[redacted]");
    }

    [GeneratedRegex(@"\b(access_token|appsecret_proof|client_secret|fb_exchange_token)=[^&\s""']*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();

    /// <summary>User and Page access tokens start with <c>EAA</c> and run to a few hundred letters and digits.</summary>
    [GeneratedRegex(@"\bEAA[A-Za-z0-9]{20,}")]
    private static partial Regex FacebookTokenShape();
}
