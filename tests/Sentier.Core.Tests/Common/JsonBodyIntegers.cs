using System.Text;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class JsonBodyIntegers
{
    private static JsonBody Parse(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("0", 0)]
    [InlineData("-5", -5)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void JsonNumbersAreRead(string json, long expected)
    {
        Assert.Equal(expected, Parse("{\"group\": " + json + "}").GetInteger("group"));
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData(" 42 ", 42)]
    [InlineData("-5", -5)]
    [InlineData("+7", 7)]
    public void DigitsInAStringAreRead(string text, long expected)
    {
        Assert.Equal(expected, Parse("{\"group\": \"" + text + "\"}").GetInteger("GROUP"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"group\": null}")]
    public void AbsentOrNullGivesNull(string json)
    {
        Assert.Null(Parse(json).GetInteger("group"));
    }

    [Theory]
    [InlineData("4.5")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    [InlineData("\"4.5\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"\"")]
    [InlineData("\"12abc\"")]
    [InlineData("\"1,000\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[1]")]
    public void AnythingButAWholeNumberIsRefusedNamingTheField(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Parse("{\"group\": " + json + "}").GetInteger("group"));

        Assert.Equal("'group' must be a whole number.", ex.Message);
    }
}
