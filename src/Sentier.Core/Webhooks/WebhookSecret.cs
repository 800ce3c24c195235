using System.Security.Cryptography;

namespace Sentier.Core.Webhooks;

/// <summary>
/// A subscription's signing secret in the Standard Webhooks form: <c>whsec_</c> and the base64 of
/// 32 random bytes. The HMAC key is the decoded bytes, not the text.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int RandomBytes = 32;

    /// <summary>The key sizes the Standard Webhooks spec allows, so a secret brought from another sender still works.</summary>
    private const int MinKeyBytes = 24;
    private const int MaxKeyBytes = 64;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <exception cref="FormatException">Not <c>whsec_</c> and the base64 of 24 to 64 bytes.</exception>
    public static byte[] DecodeKey(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"A webhook secret starts with '{Prefix}'.");
        }

        var key = Convert.FromBase64String(secret[Prefix.Length..]);
        if (key.Length is < MinKeyBytes or > MaxKeyBytes)
        {
            throw new FormatException($"A webhook secret's key is {MinKeyBytes} to {MaxKeyBytes} bytes.");
        }

        return key;
    }
}
