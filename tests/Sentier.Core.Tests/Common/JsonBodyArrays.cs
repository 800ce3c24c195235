using System.Text;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class JsonBodyArrays
{
    private static JsonBody Parse(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ArrayItemsAreReturnedInOrder()
    {
        var items = Parse("{\"contacts\": [{\"email\": \"a@example.com\"}, 2, \"three\"]}").GetArray("contacts", 3);

        Assert.NotNull(items);
        Assert.Equal(3, items.Count);
        Assert.Equal("a@example.com", items[0].GetProperty("email").GetString());
        Assert.Equal(2, items[1].GetInt32());
        Assert.Equal("three", items[2].GetString());
    }

    [Fact]
    public void ArrayAtTheLimitIsAccepted()
    {
        var json = "{\"contacts\": [" + string.Join(',', Enumerable.Repeat("{}", 1000)) + "]}";

        Assert.Equal(1000, Parse(json).GetArray("contacts", 1000)!.Count);
    }

    [Fact]
    public void ArrayOverTheLimitIsRefusedWithItsSize()
    {
        var json = "{\"contacts\": [" + string.Join(',', Enumerable.Repeat("{}", 1001)) + "]}";

        var ex = Assert.Throws<InvalidRequestException>(() => Parse(json).GetArray("contacts", 1000));

        Assert.Equal("'contacts' has 1001 entries; at most 1000 are allowed in one request.", ex.Message);
    }

    [Fact]
    public void EmptyArrayIsEmpty()
    {
        Assert.Empty(Parse("{\"contacts\": []}").GetArray("contacts", 10)!);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"contacts\": null}")]
    public void AbsentOrNullGivesNull(string json)
    {
        Assert.Null(Parse(json).GetArray("contacts", 10));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"a,b\"")]
    [InlineData("1")]
    [InlineData("true")]
    public void NonArrayIsRefusedNamingTheField(string value)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Parse("{\"contacts\": " + value + "}").GetArray("contacts", 10));

        Assert.Equal("'contacts' must be a JSON array.", ex.Message);
    }

    [Fact]
    public void ItemsOutliveTheParsedDocument()
    {
        // Parse disposes its document; the items must still be readable afterwards.
        var items = Parse("{\"contacts\": [{\"email\": \"a@example.com\"}]}").GetArray("contacts", 1)!;

        Assert.Equal("a@example.com", items[0].GetProperty("email").GetString());
    }
}
