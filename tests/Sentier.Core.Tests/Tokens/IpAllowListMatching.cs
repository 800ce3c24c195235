using System.Net;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class IpAllowListMatching
{
    private static IpAllowList List(params string[] entries) => IpAllowList.Parse(entries);

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:10.1.2.3")]
    public void EmptyListAllowsEveryAddress(string address)
    {
        Assert.True(IpAllowList.Empty.AllowsAll);
        Assert.True(IpAllowList.Empty.Allows(IPAddress.Parse(address)));
        Assert.True(List().Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void EmptyListAllowsAnUnknownAddress()
    {
        Assert.True(IpAllowList.Empty.Allows(null));
        Assert.True(List().AllowsAll);
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.0.0.2", false)]
    [InlineData("10.0.0.0", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    public void Ipv4ExactEntryMatchesOnlyThatAddress(string address, bool allowed)
    {
        Assert.Equal(allowed, List("10.0.0.1").Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("192.168.0.0", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("192.168.255.255", true)]
    [InlineData("192.169.0.1", false)]
    [InlineData("192.167.255.255", false)]
    [InlineData("10.1.2.3", false)]
    public void Ipv4RangeMatchesAddressesInside(string address, bool allowed)
    {
        Assert.Equal(allowed, List("192.168.0.0/16").Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", true)]
    [InlineData("2001:db8::2", false)]
    [InlineData("10.0.0.1", false)]
    public void Ipv6ExactEntryMatchesOnlyThatAddress(string address, bool allowed)
    {
        Assert.Equal(allowed, List("2001:db8::1").Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db8:ffff:ffff::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("2001:db7:ffff::1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    public void Ipv6RangeMatchesAddressesInside(string address, bool allowed)
    {
        Assert.Equal(allowed, List("2001:db8::/32").Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Ipv4MappedClientIsMatchedByIpv4Range()
    {
        Assert.True(List("10.0.0.0/8").Allows(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.False(List("10.0.0.0/8").Allows(IPAddress.Parse("::ffff:11.1.2.3")));
    }

    [Fact]
    public void Ipv4MappedEntryMatchesPlainIpv4Client()
    {
        Assert.True(List("::ffff:10.0.0.5").Allows(IPAddress.Parse("10.0.0.5")));
    }

    [Fact]
    public void AnyMatchingEntryAllows()
    {
        var list = List("10.0.0.0/8", "192.168.1.1", "2001:db8::/32");

        Assert.True(list.Allows(IPAddress.Parse("192.168.1.1")));
        Assert.True(list.Allows(IPAddress.Parse("10.200.0.1")));
        Assert.True(list.Allows(IPAddress.Parse("2001:db8::42")));
        Assert.False(list.Allows(IPAddress.Parse("192.168.1.2")));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("127.0.0.1")]
    [InlineData("203.0.113.77")]
    [InlineData("255.255.255.255")]
    [InlineData("::ffff:198.51.100.1")]
    public void ZeroPrefixRangeAllowsEveryIpv4Address(string address)
    {
        Assert.True(List("0.0.0.0/0").Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    public void ZeroPrefixIpv4RangeDoesNotAllowIpv6(string address)
    {
        Assert.False(List("0.0.0.0/0").Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("::ffff:10.9.8.7", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("9.255.255.255", false)]
    public void MappedIpv6RangeMatchesLikeTheIpv4RangeItDenotes(string address, bool allowed)
    {
        Assert.Equal(allowed, List("::ffff:10.0.0.0/104").Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.200.1.1", true)]
    [InlineData("11.0.0.1", false)]
    public void RangeWrittenWithHostBitsMatchesTheWholeRange(string address, bool allowed)
    {
        Assert.Equal(allowed, List("10.0.0.1/8").Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void UnknownAddressIsNotAllowedByANonEmptyList()
    {
        var list = List("0.0.0.0/0");

        Assert.False(list.AllowsAll);
        Assert.False(list.Allows(null));
    }
}
