using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;

namespace Sentier.Core.Facebook;

/// <summary>
/// Meta's <c>leadgen</c> webhook: the verification handshake, and notifications signed with
/// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(raw body, app secret)&gt;</c>. A notification
/// carries ids only; each form it names is enqueued for a sync of every account that syncs it, so
/// the lead arrives in seconds and through the same path (and records) as the poller's.
/// </summary>
public sealed class FacebookWebhookReceiver(IOptions<FacebookOptions> options, FacebookFormStore forms, FacebookSyncQueue queue)
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    private const string SignaturePrefix = "sha256=";

    private readonly FacebookOptions _options = options.Value;

    /// <summary>The challenge to echo when Meta's verify token matches ours (compared in constant time).</summary>
    public string Verify(string? mode, string? verifyToken, string? challenge)
    {
        if (mode != "subscribe" || string.IsNullOrEmpty(challenge))
        {
            throw new InvalidRequestException("Expected hub.mode=subscribe with hub.challenge and hub.verify_token.");
        }

        if (!FacebookOptions.IsSet(_options.VerifyToken) || !FixedTimeEquals(verifyToken ?? "", _options.VerifyToken!))
        {
            throw new AccessDeniedException("hub.verify_token does not match Facebook:VerifyToken.");
        }

        return challenge;
    }

    /// <returns>How many form syncs were enqueued.</returns>
    /// <exception cref="AuthenticationFailedException">The signature is missing or wrong.</exception>
    public async Task<int> ReceiveAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken)
    {
        RequireValidSignature(body.Span, signature);

        var formIds = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var entry in Array(document.RootElement, "entry"))
            {
                foreach (var change in Array(entry, "changes"))
                {
                    if (FacebookGraphClient.Text(change, "field") == "leadgen"
                        && change.TryGetProperty("value", out var value)
                        && FacebookGraphClient.Text(value, "form_id") is { } formId
                        && FacebookIds.IsWellFormed(formId))
                    {
                        formIds.Add(formId);
                    }
                }
            }
        }
        catch (JsonException)
        {
            throw new InvalidRequestException("The notification is not valid JSON.");
        }

        var enqueued = 0;
        foreach (var formId in formIds)
        {
            foreach (var accountId in await forms.AccountsOfAsync(formId, cancellationToken))
            {
                await queue.SendAsync(accountId, formId, cancellationToken);
                enqueued++;
            }
        }

        return enqueued;
    }

    private void RequireValidSignature(ReadOnlySpan<byte> body, string? signature)
    {
        if (!FacebookOptions.IsSet(_options.AppSecret))
        {
            throw new AuthenticationFailedException("Facebook webhooks are not accepted: Facebook:AppSecret is not configured.");
        }

        if (string.IsNullOrEmpty(signature) || !signature.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            throw new AuthenticationFailedException($"{SignatureHeader} is missing.");
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(signature.AsSpan(SignaturePrefix.Length).Trim());
        }
        catch (FormatException)
        {
            throw new AuthenticationFailedException($"{SignatureHeader} is not a hex HMAC-SHA256.");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.AppSecret!), body);
        if (!CryptographicOperations.FixedTimeEquals(expected, claimed))
        {
            throw new AuthenticationFailedException($"{SignatureHeader} does not match the body.");
        }
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
