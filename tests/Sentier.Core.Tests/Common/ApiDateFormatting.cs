using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class ApiDateFormatting
{
    [Fact]
    public void WritesWireFormatInUtc()
    {
        var value = new DateTimeOffset(2016, 12, 24, 14, 12, 12, TimeSpan.FromHours(2));

        Assert.Equal("2016-12-24T12:12:12", ApiDates.Format(value));
    }

    [Fact]
    public void NegativeOffsetCrossesMidnightIntoTheUtcDay()
    {
        var value = new DateTimeOffset(2016, 12, 24, 22, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal("2016-12-25T03:30:00", ApiDates.Format(value));
    }

    [Fact]
    public void FractionsAndOffsetAreNotWritten()
    {
        var value = new DateTimeOffset(2016, 12, 24, 14, 12, 12, 999, TimeSpan.Zero);

        var text = ApiDates.Format(value);

        Assert.Equal("2016-12-24T14:12:12", text);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", text);
    }

    [Fact]
    public void FormattedValueParsesBackToTheSameSecond()
    {
        var value = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(3));

        Assert.True(ApiDates.TryParse(ApiDates.Format(value), out var parsed));

        Assert.Equal(value, parsed);
    }
}
