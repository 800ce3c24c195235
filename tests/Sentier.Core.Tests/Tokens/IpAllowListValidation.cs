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
    public void InvalidEntryIsRejectedByName(string entry)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => IpAllowList.Parse(["10.0.0.1", entry]));

        Assert.Contains($"entry '{entry}'", ex.Message);
        Assert.Contains("allowed_ips", ex.Message);
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
