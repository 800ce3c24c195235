using System.Net;

namespace Sentier.Core.Tokens;

/// <summary>
/// Finds the address a request came from. With no trusted proxies it is the connection's remote
/// address. Behind <c>hops</c> trusted proxies, each appending the address it received the request
/// from to <c>X-Forwarded-For</c>, the client is the entry <c>hops</c> positions from the right:
/// everything further left was written by the client and proves nothing.
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
