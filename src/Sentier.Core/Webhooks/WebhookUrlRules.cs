using System.Net;
using Sentier.Core.Common;

namespace Sentier.Core.Webhooks;

/// <summary>
/// What a subscription URL may be: absolute http(s), https unless <c>Webhooks:AllowHttp</c>, at most
/// 2 KB, no credentials in it, and not a literal address the delivery would refuse anyway (so that
/// mistake is a 400 at once instead of failed deliveries later). Host names are checked when a
/// delivery connects, by <see cref="OutboundHttpHandler"/>.
/// </summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    /// <exception cref="InvalidRequestException">The URL breaks one of the rules; the message says which.</exception>
    public static Uri Validate(string url, bool allowHttp, OutboundAddressPolicy policy)
    {
        if (url.Length > MaxLength)
        {
            throw new InvalidRequestException($"'url' is longer than {MaxLength} characters.");
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidRequestException("'url' must be an absolute http or https URL.");
        }

        if (RefusalReason(uri, allowHttp) is { } reason)
        {
            throw new InvalidRequestException($"'url' is not allowed: {reason}.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new InvalidRequestException("'url' must not contain a user name or password; send credentials in a header parameter.");
        }

        if (IPAddress.TryParse(uri.IdnHost, out var literal) && policy.RefusalReason(literal) is { } refusal)
        {
            throw new InvalidRequestException($"'url' is not allowed: {refusal}.");
        }

        return uri;
    }

    /// <summary>Null when a delivery may go to <paramref name="uri"/>'s scheme.</summary>
    public static string? RefusalReason(Uri uri, bool allowHttp) =>
        uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"{uri.Scheme} URLs are not allowed (https is required unless Webhooks:AllowHttp is true)";
}
