using System.Net;
using System.Net.Sockets;
using Sentier.Core.Tokens;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Which addresses a webhook may connect to: public unicast only, so a subscription URL cannot
/// reach the app's own network, the cloud metadata endpoint or localhost (SSRF). Networks listed
/// in <c>Webhooks:AllowedNetworks</c> are let through anyway (loopback for local development and
/// tests). IPv4 carried in IPv6 (mapped <c>::ffff:a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c>, 6to4
/// <c>2002::/16</c>) is judged by the IPv4 address it reaches.
/// </summary>
public sealed class OutboundAddressPolicy
{
    private static readonly (IPNetwork Network, string Kind)[] RefusedIpv4 =
    [
        (IPNetwork.Parse("255.255.255.255/32"), "a broadcast address"),
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (\"this network\") address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a shared (carrier-grade NAT) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (cloud metadata lives here)"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved address"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address"),
        (IPNetwork.Parse("192.88.99.0/24"), "a reserved address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    // Checked after the IPv4-carrying prefixes above; anything outside global unicast (2000::/3) is refused too.
    private static readonly (IPNetwork Network, string Kind)[] RefusedIpv6 =
    [
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
        (IPNetwork.Parse("3fff::/20"), "a documentation address"),
        (IPNetwork.Parse("2001::/23"), "a reserved (IETF protocol) address"),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    private readonly IpAllowList _allowedNetworks;

    public OutboundAddressPolicy(IpAllowList allowedNetworks)
    {
        _allowedNetworks = allowedNetworks;
    }

    /// <summary>Null when a webhook may connect to <paramref name="address"/>; otherwise why not, naming the address (the caller wrote it).</summary>
    public string? RefusalReason(IPAddress address) =>
        RefusedKind(address) is { } kind ? $"{address} is {kind}" : null;

    /// <summary>
    /// Null when a webhook may connect to <paramref name="address"/>, which <paramref name="host"/>
    /// resolved to; otherwise why not, without the address: the answer reaches the account (the test
    /// call, the delivery log), and the addresses behind a name in Azure's private DNS are not theirs to map.
    /// </summary>
    public string? RefusalReason(string host, IPAddress address) =>
        RefusedKind(address) is { } kind ? $"{host} resolves to {kind}" : null;

    private string? RefusedKind(IPAddress address) =>
        !_allowedNetworks.AllowsAll && _allowedNetworks.Allows(address) ? null : Kind(address);

    private static string? Kind(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Ipv4Kind(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Ipv4Kind(address);
        }

        if (Nat64.Contains(address))
        {
            return Ipv4Kind(EmbeddedIpv4(address, offset: 12)) is { } kind ? $"a NAT64 form of {kind}" : null;
        }

        if (SixToFour.Contains(address))
        {
            return Ipv4Kind(EmbeddedIpv4(address, offset: 2)) is { } kind ? $"a 6to4 form of {kind}" : null;
        }

        foreach (var (network, kind) in RefusedIpv6)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return GlobalUnicast.Contains(address) ? null : "a reserved address";
    }

    private static string? Ipv4Kind(IPAddress address)
    {
        foreach (var (network, kind) in RefusedIpv4)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    private static IPAddress EmbeddedIpv4(IPAddress ipv6, int offset) => new(ipv6.GetAddressBytes().AsSpan(offset, 4));
}
