using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class PageRequestParsing
{
    [Fact]
    public void AbsentValuesGiveFirstPageOfTwenty()
    {
        var page = PageRequest.Parse(null, null, null);

        Assert.Equal(1, page.Page);
        Assert.Equal(20, page.Limit);
        Assert.Null(page.ContinueAfterRowKey);
        Assert.Equal(0, page.Skip);
        Assert.Equal(PageRequest.First, page);
    }

    [Theory]
    [InlineData("", "", "")]
    [InlineData("  ", " ", "   ")]
    public void EmptyValuesCountAsAbsent(string page, string limit, string continuation)
    {
        Assert.Equal(PageRequest.First, PageRequest.Parse(page, limit, continuation));
    }

    [Fact]
    public void ExplicitPageAndLimitAreUsed()
    {
        var page = PageRequest.Parse("3", "50", null);

        Assert.Equal(3, page.Page);
        Assert.Equal(50, page.Limit);
        Assert.Equal(100, page.Skip);
    }

    [Fact]
    public void SurroundingWhitespaceIsIgnored()
    {
        var page = PageRequest.Parse(" 2 ", " 10 ", null);

        Assert.Equal(2, page.Page);
        Assert.Equal(10, page.Limit);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("100")]
    public void LimitBoundsAreAccepted(string limit)
    {
        Assert.Equal(int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture), PageRequest.Parse(null, limit, null).Limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void LimitOutsideOneToHundredIsRejected(string limit)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => PageRequest.Parse(null, limit, null));

        Assert.Contains("'Limit'", ex.Message);
    }

    [Fact]
    public void MaxPageIsAccepted()
    {
        Assert.Equal(PageRequest.MaxPage, PageRequest.Parse(PageRequest.MaxPage.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null).Page);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("100001")]
    [InlineData("999999999999")]
    public void PageOutsideRangeIsRejected(string page)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => PageRequest.Parse(page, null, null));

        Assert.Contains("'Page'", ex.Message);
    }

    [Fact]
    public void ContinuationTokenResetsPageToOne()
    {
        var page = PageRequest.Parse("7", "30", ContinuationToken.Encode("row-042"));

        Assert.Equal(1, page.Page);
        Assert.Equal(30, page.Limit);
        Assert.Equal("row-042", page.ContinueAfterRowKey);
        Assert.Equal(0, page.Skip);
    }

    [Fact]
    public void ForeignContinuationIsRejected()
    {
        Assert.Throws<InvalidRequestException>(() => PageRequest.Parse(null, null, "not-a-token"));
    }
}
