using System.Net;
using Sentier.Core.Tokens;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Which literal addresses a webhook may reach, with and without <c>Webhooks:AllowedNetworks</c>.</summary>
public sealed class OutboundAddressRules
{
    private static readonly OutboundAddressPolicy Strict = new(IpAllowList.Empty);

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.255.254", "a loopback address")]
    [InlineData("10.0.0.1", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("169.254.169.254", "a link-local address")]
    [InlineData("100.64.0.1", "a shared (carrier-grade NAT) address")]
    [InlineData("100.127.255.255", "a shared (carrier-grade NAT) address")]
    [InlineData("0.0.0.0", "an unspecified")]
    [InlineData("0.1.2.3", "an unspecified")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("239.255.255.250", "a multicast address")]
    [InlineData("240.0.0.1", "a reserved address")]
    [InlineData("255.255.255.255", "a broadcast address")]
    [InlineData("192.0.0.8", "a reserved address")]
    [InlineData("192.0.2.10", "a documentation address")]
    [InlineData("198.51.100.10", "a documentation address")]
    [InlineData("203.0.113.10", "a documentation address")]
    [InlineData("198.18.0.1", "a benchmarking address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("fc00::1", "a private (unique local) address")]
    [InlineData("fd12:3456::1", "a private (unique local) address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("2001:db8::1", "a documentation address")]
    [InlineData("2001::1", "a reserved (IETF protocol) address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("::ffff:10.0.0.1", "a private address")]
    [InlineData("::ffff:169.254.169.254", "a link-local address")]
    [InlineData("64:ff9b::10.0.0.1", "a NAT64 form of a private address")]
    [InlineData("64:ff9b::169.254.169.254", "a NAT64 form of a link-local address")]
    [InlineData("2002:a00:1::1", "a 6to4 form of a private address")]
    [InlineData("::10.0.0.1", "a reserved address")]
    [InlineData("100::1", "a reserved address")]
    public void NonPublicAddressesAreRefusedWithTheirKind(string address, string kind)
    {
        var reason = Strict.RefusalReason(IPAddress.Parse(address));

        Assert.NotNull(reason);
        Assert.StartsWith($"{IPAddress.Parse(address)} is {kind}", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    public void PublicAddressesAreAllowed(string address)
    {
        Assert.Null(Strict.RefusalReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData("::ffff:127.0.0.1", null)]
    [InlineData("::1", null)]
    [InlineData("10.1.2.3", null)]
    [InlineData("10.2.0.1", "10.2.0.1 is a private address")]
    [InlineData("192.168.1.1", "192.168.1.1 is a private address")]
    public void AllowedNetworksLetTheirAddressesThrough(string address, string? reason)
    {
        var policy = new OutboundAddressPolicy(IpAllowList.Parse(["127.0.0.0/8", "::1", "10.1.0.0/16"]));

        Assert.Equal(reason, policy.RefusalReason(IPAddress.Parse(address)));
    }
}
