using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Sentier.Core.Security;

/// <summary>
/// Encrypts secrets Sentier must read back later (webhook signing secrets, third-party tokens) with
/// AES-256-GCM under <c>Sentier:EncryptionKey</c>. Each value gets a random 96-bit nonce; the output
/// is base64 of <c>key id (1 byte) | nonce (12) | ciphertext | tag (16)</c>. The key id lets a later
/// rotation keep reading values written under the old key.
/// <para>
/// The associated data names the value's owner and purpose (for example
/// <c>"webhook-secret", accountId, webhookId</c>). It is authenticated, not stored: a ciphertext
/// copied to another row, account or purpose does not decrypt.
/// </para>
/// </summary>
public sealed class SecretProtector
{
    public const byte CurrentKeyId = 1;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + NonceBytes;

    private const string FailureMessage =
        "The protected value does not decrypt: it was altered, belongs to another owner or purpose, or was written under another key.";

    private readonly byte[] _key;

    public SecretProtector(IOptions<SecretProtectionOptions> options)
    {
        if (!options.Value.TryGetKey(out var key))
        {
            throw new OptionsValidationException(nameof(SecretProtectionOptions), typeof(SecretProtectionOptions), [SecretProtectionOptions.InvalidKeyMessage]);
        }

        _key = key;
    }

    /// <param name="associatedData">The owner and purpose; the same parts, in the same order, must be given to <see cref="Unprotect"/>.</param>
    public string Protect(string plaintext, params ReadOnlySpan<string> associatedData)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[HeaderBytes + plainBytes.Length + TagBytes];
        output[0] = CurrentKeyId;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(
            nonce,
            plainBytes,
            output.AsSpan(HeaderBytes, plainBytes.Length),
            output.AsSpan(HeaderBytes + plainBytes.Length, TagBytes),
            AssociatedData(CurrentKeyId, associatedData));
        CryptographicOperations.ZeroMemory(plainBytes);
        return Convert.ToBase64String(output);
    }

    /// <exception cref="CryptographicException">The value was altered, is bound to other associated data, or was written under another key.</exception>
    public string Unprotect(string protectedValue, params ReadOnlySpan<string> associatedData)
    {
        byte[] input;
        try
        {
            input = Convert.FromBase64String(protectedValue);
        }
        catch (FormatException)
        {
            throw new CryptographicException(FailureMessage);
        }

        if (input.Length < HeaderBytes + TagBytes || input[0] != CurrentKeyId)
        {
            throw new CryptographicException(FailureMessage);
        }

        var cipherLength = input.Length - HeaderBytes - TagBytes;
        var plainBytes = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(
                input.AsSpan(1, NonceBytes),
                input.AsSpan(HeaderBytes, cipherLength),
                input.AsSpan(HeaderBytes + cipherLength, TagBytes),
                plainBytes,
                AssociatedData(input[0], associatedData));
            return Encoding.UTF8.GetString(plainBytes);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException(FailureMessage);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plainBytes);
        }
    }

    /// <summary>
    /// The key id, then each part as a 4-byte length and its UTF-8 bytes: length prefixes keep
    /// <c>("a:b", "c")</c> and <c>("a", "b:c")</c> apart, and the key id cannot be swapped.
    /// </summary>
    private static byte[] AssociatedData(byte keyId, ReadOnlySpan<string> parts)
    {
        var length = 1;
        foreach (var part in parts)
        {
            length += 4 + Encoding.UTF8.GetByteCount(part);
        }

        var data = new byte[length];
        data[0] = keyId;
        var offset = 1;
        foreach (var part in parts)
        {
            var written = Encoding.UTF8.GetBytes(part, data.AsSpan(offset + 4));
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(offset), written);
            offset += 4 + written;
        }

        return data;
    }
}
