using System.Text;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class JsonBodyDates
{
    private static JsonBody Parse(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void WireDateIsRead()
    {
        Assert.Equal(
            new DateTimeOffset(2016, 12, 24, 14, 12, 12, TimeSpan.Zero),
            Parse("{\"expires\": \"2016-12-24T14:12:12\"}").GetDate("expires"));
    }

    [Fact]
    public void OffsetDateIsReadAsUtc()
    {
        var value = Parse("{\"expires\": \"2016-12-24T14:12:12.123+02:00\"}").GetDate("expires");

        Assert.Equal(new DateTimeOffset(2016, 12, 24, 12, 12, 12, 123, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"expires\": null}")]
    public void AbsentOrNullGivesNull(string json)
    {
        Assert.Null(Parse(json).GetDate("expires"));
    }

    [Theory]
    [InlineData("\"tomorrow\"")]
    [InlineData("\"2016-13-45\"")]
    [InlineData("\"\"")]
    public void InvalidDateNamesTheField(string value)
    {
        var body = Parse("{\"expires\": " + value + "}");

        var ex = Assert.Throws<InvalidRequestException>(() => body.GetDate("expires"));

        Assert.StartsWith("'expires' is not a date", ex.Message);
    }

    [Fact]
    public void NumberIsNotADate()
    {
        var body = Parse("{\"expires\": 1482588732}");

        var ex = Assert.Throws<InvalidRequestException>(() => body.GetDate("expires"));

        Assert.Equal("'expires' must be a string.", ex.Message);
    }
}
