using System.Net;

namespace Sentier.Core.Tokens;

/// <summary>
/// Finds the address a request came from, once the worker's forwarded-headers step has run (the
/// DevHost runs the same step): that step makes the right-most <c>X-Forwarded-For</c> entry, the one
/// the platform front end appended, the connection's remote address and removes it from the header.
/// With no proxies in front of the platform (<c>hops</c> 0) the client is that remote address. Behind
/// <c>hops</c> proxies in front of the platform, each appending the address it received the request
/// from, the client is the entry <c>hops</c> positions from the right of what is left: everything
/// further left was written by the client and proves nothing.
/// </summary>
public static class ClientIpResolver
{
    public static IPAddress? Resolve(IPAddress? remoteAddress, IEnumerable<string?> forwardedForHeaders, int trustedProxyHops)
    {
        if (trustedProxyHops <= 0)
        {
            return remoteAddress;
        }

        var entries = forwardedForHeaders
            .Where(header => !string.IsNullOrEmpty(header))
            .SelectMany(header => header!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

        // Fewer entries than trusted proxies means the request did not come through all of them:
        // use the connection address, which no client can forge.
        if (entries.Count < trustedProxyHops)
        {
            return remoteAddress;
        }

        return ParseEntry(entries[^trustedProxyHops]);
    }

    /// <summary>Entries may carry a port (<c>1.2.3.4:5678</c>, <c>[2001:db8::1]:443</c>).</summary>
    private static IPAddress? ParseEntry(string entry)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            return address;
        }

        return IPEndPoint.TryParse(entry, out var endpoint) ? endpoint.Address : null;
    }
}
