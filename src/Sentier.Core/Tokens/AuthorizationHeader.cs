namespace Sentier.Core.Tokens;

/// <summary>
/// The three forms clients send the token in: the raw token, <c>Basic &lt;token&gt;</c> (not
/// base64: real ActiveTrail clients send it that way) and <c>Bearer &lt;token&gt;</c>.
/// </summary>
public static class AuthorizationHeader
{
    private static readonly string[] Schemes = ["Basic", "Bearer"];

    /// <summary>
    /// Finds the token in the header without copying it: the token check hashes it straight from
    /// the header, once per request.
    /// </summary>
    /// <returns>False when the header carries no token (absent, blank, or a scheme alone).</returns>
    public static bool TryGetToken(string? header, out ReadOnlySpan<char> token)
    {
        token = header.AsSpan().Trim();
        var firstWord = token.IndexOfAny(' ', '\t') is var end and >= 0 ? token[..end] : token;
        foreach (var scheme in Schemes)
        {
            if (firstWord.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            {
                token = token[firstWord.Length..].Trim();
                break;
            }
        }

        return !token.IsEmpty;
    }
}
