using System.Diagnostics.CodeAnalysis;

namespace Sentier.Core.Security;

/// <summary>
/// <c>Sentier:EncryptionKey</c> (<c>Sentier__EncryptionKey</c>): the key secrets are encrypted with
/// at rest, 64 hex characters (32 bytes), as <c>infra/hooks</c> provisions it in Key Vault
/// (<c>openssl rand -hex 32</c>).
/// </summary>
public sealed class SecretProtectionOptions
{
    public const string SectionName = "Sentier";

    public const int KeyBytes = 32;

    public const string InvalidKeyMessage =
        "Sentier:EncryptionKey (app setting Sentier__EncryptionKey) must be 64 hexadecimal characters (32 random bytes), " +
        "for example the output of `openssl rand -hex 32`. In Azure it is the Key Vault secret sentier-encryption-key; " +
        "an unresolved Key Vault reference also lands here.";

    public string? EncryptionKey { get; set; }

    /// <summary>The key's bytes, or false when it is missing or not exactly 64 hex characters.</summary>
    public bool TryGetKey([NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        var text = EncryptionKey?.Trim();
        if (text is null || text.Length != KeyBytes * 2)
        {
            return false;
        }

        try
        {
            key = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
