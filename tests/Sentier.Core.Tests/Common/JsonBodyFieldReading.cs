using System.Text;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class JsonBodyFieldReading
{
    private static JsonBody Parse(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("name")]
    [InlineData("NAME")]
    [InlineData("Name")]
    public void FieldLookupIsCaseInsensitive(string lookup)
    {
        var body = Parse("{\"nAmE\": \"Acme\"}");

        Assert.True(body.Has(lookup));
        Assert.Equal("Acme", body.GetString(lookup, 10));
    }

    [Fact]
    public void HasTellsAbsentFromNull()
    {
        var body = Parse("{\"description\": null}");

        Assert.True(body.Has("description"));
        Assert.Null(body.GetString("description", 10));
        Assert.False(body.Has("expires"));
        Assert.Null(body.GetString("expires", 10));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[\"a\"]")]
    public void NonStringValueNamesTheField(string value)
    {
        var body = Parse("{\"name\": " + value + "}");

        var ex = Assert.Throws<InvalidRequestException>(() => body.GetString("name", 10));

        Assert.Equal("'name' must be a string.", ex.Message);
    }

    [Fact]
    public void StringAtMaxLengthIsAccepted()
    {
        Assert.Equal("abcde", Parse("{\"name\": \"abcde\"}").GetString("name", 5));
    }

    [Fact]
    public void StringOverMaxLengthNamesTheFieldAndLimit()
    {
        var body = Parse("{\"name\": \"abcdef\"}");

        var ex = Assert.Throws<InvalidRequestException>(() => body.GetString("name", 5));

        Assert.Equal("'name' is longer than 5 characters.", ex.Message);
    }

    [Fact]
    public void RequiredStringIsTrimmed()
    {
        Assert.Equal("Acme Ltd", Parse("{\"name\": \"  Acme Ltd \\t\"}").GetRequiredString("name", 100));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\": null}")]
    [InlineData("{\"name\": \"\"}")]
    [InlineData("{\"name\": \"   \"}")]
    public void RequiredStringMissingOrBlankIsRejected(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Parse(json).GetRequiredString("name", 100));

        Assert.Equal("'name' is required.", ex.Message);
    }

    [Fact]
    public void UnicodeTextIsReadAsIs()
    {
        Assert.Equal("שלום O'Brien", Parse("{\"name\": \"שלום O'Brien\"}").GetString("name", 100));
    }
}
