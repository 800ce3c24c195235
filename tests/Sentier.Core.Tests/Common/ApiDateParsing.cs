using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class ApiDateParsing
{
    [Fact]
    public void DateTimeWithoutOffsetIsTakenAsUtc()
    {
        Assert.True(ApiDates.TryParse("2016-12-24T14:12:12", out var value));

        Assert.Equal(new DateTimeOffset(2016, 12, 24, 14, 12, 12, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("2016-12-24")]
    [InlineData("2016/12/24")]
    [InlineData("  2016-12-24  ")]
    public void PlainDateIsMidnightUtc(string text)
    {
        Assert.True(ApiDates.TryParse(text, out var value));

        Assert.Equal(new DateTimeOffset(2016, 12, 24, 0, 0, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void OffsetAndFractionsAreConvertedToUtc()
    {
        Assert.True(ApiDates.TryParse("2016-12-24T14:12:12.123+02:00", out var value));

        Assert.Equal(new DateTimeOffset(2016, 12, 24, 12, 12, 12, 123, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void ZuluSuffixIsUtc()
    {
        Assert.True(ApiDates.TryParse("2016-12-24T14:12:12Z", out var value));

        Assert.Equal(new DateTimeOffset(2016, 12, 24, 14, 12, 12, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("tomorrow")]
    [InlineData("2016-13-01")]
    [InlineData("2016-02-30")]
    [InlineData("2016-12-24T25:00:00")]
    public void GarbageIsNotADate(string? text)
    {
        Assert.False(ApiDates.TryParse(text, out var value));
        Assert.Equal(default, value);
    }
}
