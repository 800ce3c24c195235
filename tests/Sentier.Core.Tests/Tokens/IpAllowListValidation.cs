using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class IpAllowListValidation
{
    [Theory]
    [InlineData("abc")]
    [InlineData("10.0.0.0/33")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.0/")]
    [InlineData("/8")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("2001:db8::/129")]
    [InlineData("2001:db8::g")]
    [InlineData("10.0.0.0-10.0.0.9")]
    [InlineData("1.2.3.4/33")]
    [InlineData("::/129")]
    [InlineData("fe80::%eth0/64")]
    [InlineData("::ffff:10.0.0.0/95")]
    [InlineData("::ffff:10.0.0.0/0")]
    [InlineData("[2001:db8::1]")]
    [InlineData("[2001:db8::1]:443")]
    [InlineData("[2001:db8::]/32")]
    public void InvalidEntryIsRejectedByName(string entry)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => IpAllowList.Parse(["10.0.0.1", entry]));

        Assert.Contains($"entry '{entry}'", ex.Message);
        Assert.Contains("allowed_ips", ex.Message);
    }

    /// <summary>
    /// Forms the lenient system parser reads as some other address (<c>012.0.0.1</c> as octal
    /// 10.0.0.1, <c>10</c> as 0.0.0.10, <c>192.168.1</c> as 192.168.0.1) or prefixes it reads
    /// loosely: each would silently allow the wrong network, so each is refused.
    /// </summary>
    [Theory]
    [InlineData("012.0.0.1")]
    [InlineData("10.0.0.01")]
    [InlineData("00.0.0.0/0")]
    [InlineData("192.168.1")]
    [InlineData("192.168")]
    [InlineData("10")]
    [InlineData("167772161")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("0x0a000001")]
    [InlineData("10.0.0.0/08")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("10.0.0.0/0x8")]
    [InlineData("2001:db8::/032")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%1")]
    public void AmbiguousFormIsRejectedNotReinterpreted(string entry)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => IpAllowList.Parse([entry]));

        Assert.Contains($"entry '{entry}'", ex.Message);
    }

    [Fact]
    public void LongInvalidEntryIsTruncatedInTheMessage()
    {
        var entry = new string('x', 200);

        var ex = Assert.Throws<InvalidRequestException>(() => IpAllowList.Parse([entry]));

        Assert.DoesNotContain(entry, ex.Message);
        Assert.Contains(new string('x', 64) + "…", ex.Message);
    }

    [Fact]
    public void HundredEntriesAreAccepted()
    {
        var list = IpAllowList.Parse(DistinctAddresses(IpAllowList.MaxEntries));

        Assert.Equal(IpAllowList.MaxEntries, list.Entries.Count);
    }

    [Fact]
    public void MoreThanHundredEntriesAreRejected()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => IpAllowList.Parse(DistinctAddresses(IpAllowList.MaxEntries + 1)));

        Assert.Contains("more than 100", ex.Message);
    }

    private static List<string> DistinctAddresses(int count) =>
        Enumerable.Range(0, count).Select(i => $"10.0.{i / 256}.{i % 256}").ToList();
}
