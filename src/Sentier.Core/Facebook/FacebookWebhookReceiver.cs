using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;

namespace Sentier.Core.Facebook;

/// <summary>
/// Meta's <c>leadgen</c> webhook: the verification handshake, and notifications signed with
/// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(raw body, app secret)&gt;</c>. A notification
/// carries ids only; each form it names is enqueued for a sync of every account that syncs it, with
/// the leads it names, so the lead arrives in seconds and through the same path (and records) as the
/// poller's, and is read directly even when it is older than the sync's window.
/// </summary>
public sealed class FacebookWebhookReceiver(IOptions<FacebookOptions> options, FacebookFormStore forms, FacebookSyncQueue queue)
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    private const string SignaturePrefix = "sha256=";

    /// <summary>DateTimeOffset.MaxValue in Unix seconds: 9999-12-31T23:59:59Z.</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

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

        var announced = new Dictionary<string, List<AnnouncedLead>>(StringComparer.Ordinal);
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
                        var leads = announced.TryGetValue(formId, out var known) ? known : announced[formId] = [];
                        if (FacebookGraphClient.Text(value, "leadgen_id") is { } leadId && FacebookIds.IsWellFormed(leadId))
                        {
                            // A time no DateTimeOffset holds would fail every try of the message: it is read as absent.
                            var created = value.TryGetProperty("created_time", out var time) && time.TryGetInt64(out var seconds) && seconds is >= 0 and <= MaxUnixSeconds
                                ? seconds
                                : (long?)null;
                            leads.Add(new AnnouncedLead(leadId, created));
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            throw new InvalidRequestException("The notification is not valid JSON.");
        }

        var enqueued = 0;
        foreach (var (formId, leads) in announced)
        {
            // A change without a leadgen_id still asks for a sync, with no lead to read directly.
            IReadOnlyList<AnnouncedLead[]?> batches = leads.Count == 0 ? [null] : [.. leads.DistinctBy(lead => lead.Id).Chunk(FacebookSyncQueue.MaxLeadsPerMessage)];
            foreach (var accountId in await forms.AccountsOfAsync(formId, cancellationToken))
            {
                foreach (var batch in batches)
                {
                    await queue.SendAsync(new FacebookSyncMessage(accountId, formId, batch), cancellationToken);
                    enqueued++;
                }
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
