using Sentier.DevHost.Timers;

namespace Sentier.DevHost.Tests.Timers;

/// <summary>TimerSchedule reads NCRONTAB with or without seconds and TimeSpan intervals, and rejects anything else.</summary>
public sealed class TimerScheduleParsing
{
    private static readonly DateTime Base = new(2025, 6, 15, 10, 20, 30, 500, DateTimeKind.Utc);

    [Fact]
    public void SixFieldsIncludeSeconds() =>
        Assert.Equal(new DateTime(2025, 6, 15, 10, 20, 45, DateTimeKind.Utc), TimerSchedule.Parse("*/15 * * * * *").NextAfter(Base));

    [Fact]
    public void SixFieldsAtFixedTime() =>
        Assert.Equal(new DateTime(2025, 6, 16, 4, 30, 0, DateTimeKind.Utc), TimerSchedule.Parse("0 30 4 * * *").NextAfter(Base));

    [Fact]
    public void FiveFieldsStartAtMinutes() =>
        Assert.Equal(new DateTime(2025, 6, 15, 10, 25, 0, DateTimeKind.Utc), TimerSchedule.Parse("*/5 * * * *").NextAfter(Base));

    [Fact]
    public void TimeSpanIsAnIntervalFromTheGivenTime() =>
        Assert.Equal(Base.AddSeconds(5), TimerSchedule.Parse("00:00:05").NextAfter(Base));

    [Fact]
    public void NextAfterIsStrictlyLater()
    {
        var onTheSecond = new DateTime(2025, 6, 15, 10, 20, 30, DateTimeKind.Utc);
        Assert.Equal(onTheSecond.AddSeconds(1), TimerSchedule.Parse("* * * * * *").NextAfter(onTheSecond));
    }

    [Fact]
    public void ExtraSpacesBetweenFieldsAreAccepted() =>
        Assert.Equal(new DateTime(2025, 6, 15, 10, 21, 0, DateTimeKind.Utc), TimerSchedule.Parse("0  *  * * * *").NextAfter(Base));

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("every five minutes")]
    [InlineData("1 2 3")]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    [InlineData("a b c d e")]
    [InlineData("a b c d e f")]
    [InlineData("61 * * * * *")]
    [InlineData("* 60 * * * *")]
    [InlineData("* * 24 * * *")]
    [InlineData("* * * 32 * *")]
    [InlineData("* * * * 13 *")]
    [InlineData("60 * * * *")]
    [InlineData("* * * * * 8")]
    public void GarbageIsAFormatException(string expression) =>
        Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression));
}
