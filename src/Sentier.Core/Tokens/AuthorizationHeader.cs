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
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var parts = header.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var isScheme = Schemes.Contains(parts[0], StringComparer.OrdinalIgnoreCase);
        return (isScheme, parts.Length) switch
        {
            (true, 2) => parts[1],
            (true, _) => null,
            _ => parts[0],
        };
    }
}
