using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class ContinuationTokenRoundTrip
{
    [Theory]
    [InlineData("row-000")]
    [InlineData("a")]
    [InlineData("O'Brien")]
    [InlineData("שלום עולם")]
    [InlineData("key with spaces")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public void DecodeReturnsTheEncodedRowKey(string rowKey)
    {
        Assert.Equal(rowKey, ContinuationToken.Decode(ContinuationToken.Encode(rowKey)));
    }

    [Fact]
    public void LongestValidKeyRoundTrips()
    {
        var rowKey = new string('k', 512);

        Assert.Equal(rowKey, ContinuationToken.Decode(ContinuationToken.Encode(rowKey)));
    }

    [Theory]
    [InlineData("row-000")]
    [InlineData("שלום/?#+&=")]
    public void TokenIsUrlSafe(string rowKey)
    {
        Assert.Matches("^[A-Za-z0-9_-]+$", ContinuationToken.Encode(rowKey));
    }

    [Fact]
    public void SurroundingWhitespaceIsIgnored()
    {
        Assert.Equal("row-7", ContinuationToken.Decode("  " + ContinuationToken.Encode("row-7") + " \n"));
    }
}
