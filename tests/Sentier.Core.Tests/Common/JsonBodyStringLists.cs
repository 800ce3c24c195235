using System.Text;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class JsonBodyStringLists
{
    private static JsonBody Parse(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ArrayItemsAreTrimmedAndBlanksDropped()
    {
        var list = Parse("{\"allowed_ips\": [\" 10.0.0.1 \", \"\", \"  \", \"10.0.0.2\"]}").GetStringList("allowed_ips", 10, 64);

        Assert.Equal(["10.0.0.1", "10.0.0.2"], list);
    }

    [Fact]
    public void SeparatedStringIsSplit()
    {
        var list = Parse("{\"allowed_ips\": \"10.0.0.1, 10.0.0.2;10.0.0.3 10.0.0.4\\n10.0.0.5\\t10.0.0.6,,\"}")
            .GetStringList("allowed_ips", 10, 64);

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"], list);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"allowed_ips\": null}")]
    public void AbsentOrNullGivesNull(string json)
    {
        Assert.Null(Parse(json).GetStringList("allowed_ips", 10, 64));
    }

    [Theory]
    [InlineData("{\"allowed_ips\": []}")]
    [InlineData("{\"allowed_ips\": \"\"}")]
    [InlineData("{\"allowed_ips\": \" , \"}")]
    public void EmptyListIsEmptyNotNull(string json)
    {
        var list = Parse(json).GetStringList("allowed_ips", 10, 64);

        Assert.NotNull(list);
        Assert.Empty(list);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[\"10.0.0.1\", 5]")]
    [InlineData("[null]")]
    [InlineData("[[\"10.0.0.1\"]]")]
    public void WrongTypeNamesTheField(string value)
    {
        var body = Parse("{\"allowed_ips\": " + value + "}");

        var ex = Assert.Throws<InvalidRequestException>(() => body.GetStringList("allowed_ips", 10, 64));

        Assert.Equal("'allowed_ips' must be an array of strings.", ex.Message);
    }

    [Theory]
    [InlineData("[\"a\", \"b\"]")]
    [InlineData("\"a,b\"")]
    public void MaxItemsIsAccepted(string value)
    {
        Assert.Equal(2, Parse("{\"allowed_ips\": " + value + "}").GetStringList("allowed_ips", 2, 64)!.Count);
    }

    [Theory]
    [InlineData("[\"a\", \"b\", \"c\"]")]
    [InlineData("\"a,b,c\"")]
    public void MoreThanMaxItemsIsRejected(string value)
    {
        var body = Parse("{\"allowed_ips\": " + value + "}");

        var ex = Assert.Throws<InvalidRequestException>(() => body.GetStringList("allowed_ips", 2, 64));

        Assert.Equal("'allowed_ips' has more than 2 entries.", ex.Message);
    }

    [Theory]
    [InlineData("[\"abc\", \"abcdef\"]")]
    [InlineData("\"abc,abcdef\"")]
    public void ItemLongerThanMaxIsRejected(string value)
    {
        var body = Parse("{\"allowed_ips\": " + value + "}");

        var ex = Assert.Throws<InvalidRequestException>(() => body.GetStringList("allowed_ips", 10, 5));

        Assert.Equal("'allowed_ips' has an entry longer than 5 characters.", ex.Message);
    }
}
