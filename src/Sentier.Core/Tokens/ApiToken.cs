using System.Buffers;
using System.Security.Cryptography;

namespace Sentier.Core.Tokens;

/// <summary>
/// An API app's secret: <c>0X</c> and 96 upper-case hex characters (384 random bits), the shape
/// ActiveTrail tokens have. Only its SHA-256 hash is ever stored; with this much entropy a salted
/// or slow hash adds nothing, and a plain hash keeps the lookup a point read.
/// </summary>
public static class ApiToken
{
    public const string Prefix = "0X";
    public const int RandomBytes = 48;
    public const int Length = 2 + (RandomBytes * 2);
    public const int HintLength = 6;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef");

    public static string Generate() => Prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Shape check before any hashing or storage access; case-insensitive hex.</summary>
    public static bool HasValidShape(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != Length || !candidate.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !candidate[Prefix.Length..].ContainsAnyExcept(HexDigits);
    }

    /// <summary>
    /// Lower-case hex SHA-256 of the upper-cased token, so a client that lower-cases it still
    /// matches. Runs on every request, so it allocates only the returned string.
    /// </summary>
    public static string Hash(ReadOnlySpan<char> token)
    {
        Span<byte> upperAscii = token.Length <= Length ? stackalloc byte[token.Length] : new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            upperAscii[i] = (byte)char.ToUpperInvariant(token[i]);
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(upperAscii, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>What a list may show so a person can tell tokens apart: the first six characters.</summary>
    public static string Hint(string token) => token[..HintLength];
}
