using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;

namespace Sentier.Core.Accounts;

/// <summary>
/// Guards the admin API with <c>Sentier:AdminKey</c>. Both sides are hashed before the
/// fixed-time comparison, so neither the key's content nor its length leaks through timing.
/// </summary>
public sealed class AdminKeyVerifier(IOptions<SentierOptions> options)
{
    /// <summary>
    /// When Azure cannot resolve a Key Vault reference (secret not created yet, no access), the app
    /// setting holds the reference text itself, which anyone could read in the template. Such a
    /// value disables the admin API instead of becoming a well-known key.
    /// </summary>
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    private readonly byte[]? _expectedHash =
        options.Value.AdminKey is { Length: > 0 } key && !key.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase)
            ? Digest(key)
            : null;

    public void Verify(string? presentedKey)
    {
        if (_expectedHash is null)
        {
            throw new AccessDeniedException("The admin API is disabled: no Sentier:AdminKey is configured.");
        }

        if (string.IsNullOrEmpty(presentedKey) || !CryptographicOperations.FixedTimeEquals(_expectedHash, Digest(presentedKey)))
        {
            throw new AuthenticationFailedException("Send the admin key in the X-Admin-Key header.");
        }
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
