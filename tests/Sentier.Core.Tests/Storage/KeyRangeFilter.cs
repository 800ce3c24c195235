using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Storage;

public sealed class KeyRangeFilter
{
    [Fact]
    public void PrefixRangeEndsJustAfterEveryKeyWithThePrefix()
    {
        var range = new KeyRange("acct", "m-000000000007-");

        Assert.Equal("m-000000000007-", range.From);
        Assert.Equal("m-000000000007.", range.To);
        Assert.Equal(
            "PartitionKey eq 'acct' and RowKey ge 'm-000000000007-' and RowKey lt 'm-000000000007.'",
            range.Filter(null));
    }

    [Theory]
    [InlineData("m-000000000007-")]
    [InlineData("m-000000000007-000000000001")]
    [InlineData("m-000000000007-\uffff")]
    public void EveryKeyWithThePrefixIsInsideTheBounds(string key)
    {
        var range = new KeyRange("acct", "m-000000000007-");

        Assert.True(string.CompareOrdinal(key, range.From) >= 0);
        Assert.True(string.CompareOrdinal(key, range.To) < 0);
    }

    [Theory]
    [InlineData("m-000000000007")]
    [InlineData("m-000000000007.")]
    [InlineData("m-000000000008-000000000001")]
    [InlineData("m-000000000006-999999999999")]
    public void KeysWithoutThePrefixAreOutsideTheBounds(string key)
    {
        var range = new KeyRange("acct", "m-000000000007-");

        Assert.False(string.CompareOrdinal(key, range.From) >= 0 && string.CompareOrdinal(key, range.To) < 0);
    }

    [Fact]
    public void EmptyPrefixCoversThePartition()
    {
        var range = new KeyRange("acct", "");

        Assert.Equal("", range.From);
        Assert.Equal("\uffff", range.To);
    }

    [Fact]
    public void ContinuingAfterAKeyInsideTheRangeStartsPastIt()
    {
        var range = new KeyRange("acct", "c-");

        Assert.Equal(
            "PartitionKey eq 'acct' and RowKey gt 'c-000000000042' and RowKey lt 'c.'",
            range.Filter("c-000000000042"));
    }

    [Fact]
    public void ContinuingAfterTheFirstKeyItselfExcludesIt()
    {
        Assert.Equal("PartitionKey eq 'acct' and RowKey gt 'c-' and RowKey lt 'c.'", new KeyRange("acct", "c-").Filter("c-"));
    }

    [Theory]
    [InlineData("a-contacts")]
    [InlineData("m-000000000001-000000000002")]
    [InlineData("c.")]
    public void AfterKeyOutsideTheRangeIsRefusedRatherThanWideningOrRestartingIt(string afterKey)
    {
        // A continuation from another list (or a forged one) must neither reach other rows nor silently restart.
        var error = Assert.Throws<InvalidRequestException>(() => new KeyRange("acct", "c-").Filter(afterKey));

        Assert.Contains("Continuation", error.Message);
    }

    [Fact]
    public void PropertyFilterIsAppendedInParentheses()
    {
        var range = new KeyRange("acct", "c-", "Status eq 1 or IsDoNotMail eq true");

        Assert.Equal(
            "PartitionKey eq 'acct' and RowKey ge 'c-' and RowKey lt 'c.' and (Status eq 1 or IsDoNotMail eq true)",
            range.Filter(null));
        Assert.EndsWith(" and (Status eq 1 or IsDoNotMail eq true)", range.Filter("c-000000000001"));
    }

    [Fact]
    public void QuotesInKeysAreEscaped()
    {
        var range = new KeyRange("o'acct", "e-o'brien");

        Assert.Equal(
            "PartitionKey eq 'o''acct' and RowKey gt 'e-o''brien@x' and RowKey lt 'e-o''brieo'",
            range.Filter("e-o'brien@x"));
    }

    [Fact]
    public void BetweenTakesExplicitBounds()
    {
        var range = KeyRange.Between("acct", "u-0001", "u-0002", "Source eq 'api'");

        Assert.Equal(
            "PartitionKey eq 'acct' and RowKey ge 'u-0001' and RowKey lt 'u-0002' and (Source eq 'api')",
            range.Filter(null));
        Assert.Equal(
            "PartitionKey eq 'acct' and RowKey gt 'u-0001-5' and RowKey lt 'u-0002' and (Source eq 'api')",
            range.Filter("u-0001-5"));
    }
}
