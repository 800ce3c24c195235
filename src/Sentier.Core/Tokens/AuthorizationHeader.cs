namespace Sentier.Core.Tokens;

/// <summary>
/// The three forms clients send the token in: the raw token, <c>Basic &lt;token&gt;</c> (not
/// base64: real ActiveTrail clients send it that way) and <c>Bearer &lt;token&gt;</c>.
/// </summary>
public static class AuthorizationHeader
{
    private static readonly string[] Schemes = ["Basic ", "Bearer "];

    public static string? ExtractToken(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        foreach (var scheme in Schemes)
        {
            if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                value = value[scheme.Length..].Trim();
                break;
            }
        }

        return value.Length == 0 ? null : value;
    }
}
