using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The <c>webhook-signature</c> header of Standard Webhooks: <c>v1,</c> and the base64 of
/// HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the secret's decoded
/// bytes. While a secret is being rotated both secrets sign, and the entries are space-separated; a
/// receiver accepts the request when any entry matches.
/// </summary>
public static class WebhookSignature
{
    public const string Version = "v1";

    /// <param name="timestamp">Unix seconds, exactly as sent in <c>webhook-timestamp</c>.</param>
    /// <param name="body">The exact bytes posted: receivers verify the raw body, not a re-serialisation.</param>
    /// <param name="secrets">Every secret valid now, current first.</param>
    public static string Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0)
        {
            throw new ArgumentException("At least one secret signs a webhook.", nameof(secrets));
        }

        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));

        var entries = new string[secrets.Count];
        for (var i = 0; i < secrets.Count; i++)
        {
            var key = WebhookSecret.DecodeKey(secrets[i]);
            entries[i] = $"{Version},{Convert.ToBase64String(HMACSHA256.HashData(key, message))}";
            CryptographicOperations.ZeroMemory(key);
        }

        return string.Join(' ', entries);
    }
}
