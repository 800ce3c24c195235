using System.Buffers;
using Sentier.Core.Common;

namespace Sentier.Core.Webhooks;

/// <summary>
/// What a subscription's custom parameters may be. Headers Sentier writes itself (the signature,
/// the body's description, its identity) or that only make sense between two hops cannot be set:
/// a parameter overriding them would break the request or forge a signature header.
/// </summary>
public static class WebhookParameterRules
{
    public const int MaxNameLength = 256;
    public const int MaxValueLength = 4096;

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "User-Agent", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Expect",
    };

    private static readonly string[] ReservedHeaderPrefixes = ["webhook-", "Content-", "Proxy-"];

    // RFC 9110 token characters.
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <exception cref="InvalidRequestException">The header may not be set, or its name or value is malformed.</exception>
    public static void ValidateHeader(string name, string value)
    {
        if (name.Length is 0 or > MaxNameLength || name.AsSpan().ContainsAnyExcept(TokenChars))
        {
            throw new InvalidRequestException($"Header parameter '{MessageText.Clip(name)}' is not a valid HTTP header name.");
        }

        if (ReservedHeaders.Contains(name) || ReservedHeaderPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidRequestException(
                $"Header parameter '{MessageText.Clip(name)}' cannot be set: Sentier writes Host, User-Agent, Content-*, webhook-* itself, and hop-by-hop headers (Connection, Keep-Alive, Transfer-Encoding, TE, Trailer, Upgrade, Expect, Proxy-*) are not forwarded.");
        }

        ValidateValue(name, value);
    }

    /// <exception cref="InvalidRequestException">The name is empty or too long, or the value is malformed.</exception>
    public static void ValidateQueryParameter(string name, string value)
    {
        if (name.Trim().Length == 0 || name.Length > MaxNameLength)
        {
            throw new InvalidRequestException($"A query parameter's key must be 1 to {MaxNameLength} characters.");
        }

        ValidateValue(name, value);
    }

    /// <summary>
    /// A header value as it may go on the wire: control characters (line breaks above all) become
    /// spaces. Values taken from a contact's fields (<c>user_field</c>) are not validated when they
    /// are written, and the outbound handler sends header values as UTF-8, which lifts .NET's own
    /// refusal of line breaks; without this a contact field could end a webhook request early and
    /// smuggle a second one, signed, to another path or host.
    /// </summary>
    public static string ToHeaderValue(string value) =>
        value.Any(char.IsControl) ? string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c)) : value;

    private static void ValidateValue(string name, string value)
    {
        if (value.Length > MaxValueLength)
        {
            throw new InvalidRequestException($"Parameter '{MessageText.Clip(name)}' has a value longer than {MaxValueLength} characters.");
        }

        if (value.Any(char.IsControl))
        {
            throw new InvalidRequestException($"Parameter '{MessageText.Clip(name)}' has a control character (such as a line break) in its value.");
        }
    }
}
