using System.Security.Cryptography;
using System.Text;

namespace Sentier.Testing;

/// <summary>
/// A receiver's check, written from the Standard Webhooks spec text and sharing no code with the
/// signer: "the content to sign is composed by concatenating the id, timestamp and payload,
/// separated by the full-stop character"; the key is the base64 part of the secret after the
/// <c>whsec_</c> prefix, decoded; the header is a space-delimited list of <c>version,signature</c>
/// entries, and a request is valid when any <c>v1</c> entry matches (compared in constant time).
/// </summary>
public static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, string id, string timestamp, byte[] body, string signatureHeader)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret.Split('_', 2)[1]));
        var signedContent = Encoding.UTF8.GetBytes(id + "." + timestamp + ".").Concat(body).ToArray();
        var expected = hmac.ComputeHash(signedContent);

        foreach (var entry in signatureHeader.Split(' '))
        {
            var parts = entry.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" &&
                CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(parts[1])))
            {
                return true;
            }
        }

        return false;
    }
}
