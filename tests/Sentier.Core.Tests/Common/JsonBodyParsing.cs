using System.Text;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class JsonBodyParsing
{
    private static JsonBody Parse(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void MalformedJsonNamesLineAndPosition()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Parse("{\n  \"a\": 1,\n  \"b\": ]\n}"));

        Assert.Contains("not valid JSON", ex.Message);
        Assert.Contains("line 3, position 8", ex.Message);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("not json")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("   ")]
    public void MalformedJsonIsAnInvalidRequest(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Parse(json));

        Assert.StartsWith("The request body is not valid JSON (line ", ex.Message);
    }

    [Fact]
    public void ErrorMessageDoesNotEchoTheBody()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Parse("{\"token\": \"0XSECRETVALUE"));

        Assert.DoesNotContain("SECRETVALUE", ex.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"name\":\"x\"}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void RootThatIsNotAnObjectIsRejected(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Parse(json));

        Assert.Equal("The request body must be a JSON object.", ex.Message);
    }

    [Fact]
    public void EmptyBodyIsRejected()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => JsonBody.Parse(ReadOnlyMemory<byte>.Empty));

        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void DeeplyNestedBodyIsRejected()
    {
        var json = "{\"a\":" + new string('[', 40) + new string(']', 40) + "}";

        Assert.Throws<InvalidRequestException>(() => Parse(json));
    }

    [Fact]
    public void EmptyObjectHasNoFields()
    {
        var body = Parse("{}");

        Assert.False(body.Has("name"));
        Assert.Null(body.GetString("name", 10));
    }
}
