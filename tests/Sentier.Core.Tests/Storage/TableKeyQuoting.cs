using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Storage;

public sealed class TableKeyQuoting
{
    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("", "''")]
    [InlineData("O'Brien", "'O''Brien'")]
    [InlineData("'", "''''")]
    [InlineData("''", "''''''")]
    [InlineData("x' or PartitionKey ne 'y", "'x'' or PartitionKey ne ''y'")]
    public void SingleQuotesAreDoubledInsideQuotes(string value, string expected)
    {
        Assert.Equal(expected, TableKeys.Quote(value));
    }
}
