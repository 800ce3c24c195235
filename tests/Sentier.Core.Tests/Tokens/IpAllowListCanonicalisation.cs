using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class IpAllowListCanonicalisation
{
    [Theory]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("192.168.1.77/24", "192.168.1.0/24")]
    [InlineData("10.0.0.1/32", "10.0.0.1")]
    [InlineData(" 10.0.0.1 ", "10.0.0.1")]
    [InlineData("2001:0DB8:0000:0000::0001", "2001:db8::1")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("2001:db8::1/128", "2001:db8::1")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("::ffff:10.0.0.0/104", "10.0.0.0/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.1.2.3/0", "0.0.0.0/0")]
    [InlineData("::ffff:10.1.2.3/120", "10.1.2.0/24")]
    [InlineData("::ffff:10.0.0.0/96", "0.0.0.0/0")]
    [InlineData("::ffff:10.0.0.1/128", "10.0.0.1")]
    [InlineData("2001:db8::1/0", "::/0")]
    [InlineData("10.255.255.255/9", "10.128.0.0/9")]
    public void EntriesAreStoredInCanonicalForm(string entry, string canonical)
    {
        Assert.Equal([canonical], IpAllowList.Parse([entry]).Entries);
    }

    [Fact]
    public void DuplicatesAreRemovedKeepingFirstOrder()
    {
        var list = IpAllowList.Parse(["10.0.0.1", "2001:db8::/32", " 10.0.0.1 ", "10.0.0.1/32", "10.0.0.1/8", "10.0.0.0/8", "10.255.0.0/8", "::ffff:10.0.0.1"]);

        Assert.Equal(["10.0.0.1", "2001:db8::/32", "10.0.0.0/8"], list.Entries);
    }

    [Fact]
    public void CanonicalEntriesParseToThemselves()
    {
        var list = IpAllowList.Parse(["10.0.0.1/8", "2001:DB8::1/48", "::ffff:192.168.1.1", "172.16.5.4"]);

        var reparsed = IpAllowList.Parse(list.Entries);

        Assert.Equal(list.Entries, reparsed.Entries);
    }

    [Fact]
    public void EmptyInputGivesTheEmptyList()
    {
        Assert.Same(IpAllowList.Empty, IpAllowList.Parse([]));
        Assert.Empty(IpAllowList.Empty.Entries);
    }
}
