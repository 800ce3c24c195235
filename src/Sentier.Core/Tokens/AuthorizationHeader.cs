namespace Sentier.Core.Tokens;

/// <summary>
/// The three forms clients send the token in: the raw token, <c>Basic &lt;token&gt;</c> (not
/// base64: real ActiveTrail clients send it that way) and <c>Bearer &lt;token&gt;</c>.
/// </summary>
public static class AuthorizationHeader
{
    private static readonly string[] Schemes = ["Basic", "Bearer"];

    /// <returns>The token, or null when the header carries none (absent, blank, or a scheme alone).</returns>
    public static string? ExtractToken(string? header)
    {
        var value = header.AsSpan().Trim();
        if (value.IsEmpty)
        {
            return null;
        }

        var firstWord = value.IndexOfAny(' ', '\t') is var end and >= 0 ? value[..end] : value;
        foreach (var scheme in Schemes)
        {
            if (firstWord.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var rest = value[firstWord.Length..].Trim();
                return rest.IsEmpty ? null : rest.ToString();
            }
        }

        // Called once per request: avoid copying the header when it already is the bare token.
        return value.Length == header!.Length ? header : value.ToString();
    }
}
