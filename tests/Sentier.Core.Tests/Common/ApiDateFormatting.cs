using System.Text;
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
    public void PositiveOffsetWithFractionsIsWrittenAsTheUtcSecond()
    {
        var value = new DateTimeOffset(2016, 12, 24, 1, 30, 5, TimeSpan.FromHours(3)).AddTicks(9_876_543);

        Assert.Equal("2016-12-23T22:30:05", ApiDates.Format(value));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(-11)]
    [InlineData(14)]
    public void Utf8FormIsTheSameText(int offsetHours)
    {
        var value = new DateTimeOffset(2016, 12, 24, 1, 30, 5, TimeSpan.FromHours(offsetHours)).AddTicks(1_234_567);
        Span<byte> utf8 = stackalloc byte[32];

        var written = ApiDates.FormatUtf8(value, utf8);

        Assert.Equal(19, written);
        Assert.Equal(ApiDates.Format(value), Encoding.UTF8.GetString(utf8[..written]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", Encoding.UTF8.GetString(utf8[..written]));
    }

    [Fact]
    public void Utf8FormFitsNineteenBytesExactly()
    {
        var value = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999);
        var exact = new byte[19];

        Assert.Equal(19, ApiDates.FormatUtf8(value, exact));
        Assert.Equal("9999-12-31T23:59:59", Encoding.UTF8.GetString(exact));
        Assert.Throws<ArgumentException>(() => ApiDates.FormatUtf8(value, new byte[18]));
    }

    [Fact]
    public void FormattedValueParsesBackToTheSameSecond()
    {
        var value = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(3));

        Assert.True(ApiDates.TryParse(ApiDates.Format(value), out var parsed));

        Assert.Equal(value, parsed);
    }
}
