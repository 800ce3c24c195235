using System.Net;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// The resolver reads the connection address and the <c>X-Forwarded-For</c> left by the worker's
/// forwarded-headers step (the platform's own entry already consumed into the connection address);
/// hops count the proxies in front of the platform.
/// </summary>
public sealed class ClientIpResolution
{
    private static readonly IPAddress Remote = IPAddress.Parse("5.5.5.5");

    private static IPAddress? Resolve(int hops, params string?[] headers) => ClientIpResolver.Resolve(Remote, headers, hops);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NoFrontProxiesMeanTheConnectionAddressAndNothingElse(int hops)
    {
        Assert.Equal(Remote, Resolve(hops, "6.6.6.6"));
        Assert.Equal(Remote, Resolve(hops, "6.6.6.6, 1.2.3.4", "7.7.7.7"));
        Assert.Equal(Remote, Resolve(hops, "garbage"));
    }

    [Fact]
    public void NoTrustedHopsWithUnknownRemoteGivesNull()
    {
        Assert.Null(ClientIpResolver.Resolve(null, ["6.6.6.6"], 0));
    }

    [Fact]
    public void OneFrontProxyTakesTheRightMostRemainingEntry()
    {
        Assert.Equal(IPAddress.Parse("1.2.3.4"), Resolve(1, "1.2.3.4"));
    }

    [Fact]
    public void OneFrontProxyIgnoresClientWrittenEntriesOnTheLeft()
    {
        Assert.Equal(IPAddress.Parse("1.2.3.4"), Resolve(1, "6.6.6.6, 1.2.3.4"));
        Assert.Equal(IPAddress.Parse("1.2.3.4"), Resolve(1, "6.6.6.6,7.7.7.7 ,  1.2.3.4"));
    }

    [Fact]
    public void TwoFrontProxiesTakeTheSecondFromTheRight()
    {
        Assert.Equal(IPAddress.Parse("1.2.3.4"), Resolve(2, "6.6.6.6, 1.2.3.4, 10.0.0.9"));
    }

    [Theory]
    [InlineData(1, "1.2.3.4")]
    [InlineData(2, "7.7.7.7")]
    [InlineData(3, "6.6.6.6")]
    public void MultipleHeaderValuesAreConcatenatedInOrder(int hops, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), Resolve(hops, "6.6.6.6, 7.7.7.7", "1.2.3.4"));
    }

    [Fact]
    public void NullAndEmptyHeaderValuesAreSkipped()
    {
        Assert.Equal(IPAddress.Parse("1.2.3.4"), Resolve(2, null, "6.6.6.6", "", "1.2.3.4, 10.0.0.9"));
    }

    [Fact]
    public void FewerEntriesThanHopsGivesTheConnectionAddress()
    {
        Assert.Equal(Remote, Resolve(2, "1.2.3.4"));
        Assert.Equal(Remote, Resolve(1));
        Assert.Equal(Remote, Resolve(1, null, ""));
        Assert.Equal(Remote, Resolve(3, "6.6.6.6", "1.2.3.4"));
    }

    [Theory]
    [InlineData("1.2.3.4:5678", "1.2.3.4")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("::ffff:1.2.3.4", "::ffff:1.2.3.4")]
    public void EntriesMayCarryAPort(string entry, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), Resolve(1, "6.6.6.6, " + entry));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("unknown")]
    [InlineData("1.2.3.4.5")]
    [InlineData("999.1.1.1")]
    [InlineData("1.2.3.4:99999")]
    public void GarbageEntryGivesNull(string entry)
    {
        Assert.Null(Resolve(1, "6.6.6.6, " + entry));
    }

    [Fact]
    public void GarbageFurtherLeftIsIgnored()
    {
        Assert.Equal(IPAddress.Parse("1.2.3.4"), Resolve(1, "garbage, 1.2.3.4"));
    }
}
