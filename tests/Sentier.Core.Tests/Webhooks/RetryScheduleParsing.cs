using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

public sealed class RetryScheduleParsing
{
    [Fact]
    public void TheDefaultIsTenAttemptsOverAboutThreeDays()
    {
        var schedule = RetrySchedule.Parse(RetrySchedule.Default);

        Assert.Equal(
            [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400],
            schedule.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(10, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(272_105), schedule.Delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d));
    }

    [Fact]
    public void SpacesAroundEntriesAreAllowed()
    {
        Assert.Equal([1, 2, 604800], RetrySchedule.Parse(" 1, 2 ,604800").Delays.Select(d => d.TotalSeconds));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("5,,10", "entry 2 ('') is not a whole number of seconds")]
    [InlineData("5,abc", "entry 2 ('abc') is not a whole number of seconds")]
    [InlineData("-5", "entry 1 ('-5') is not a whole number of seconds")]
    [InlineData("1.5", "entry 1 ('1.5') is not a whole number of seconds")]
    [InlineData("5;10", "entry 1 ('5;10') is not a whole number of seconds")]
    [InlineData("5,604801", "entry 2 (604801 s) is longer than 7 days (604800 s)")]
    public void MalformedSchedulesAreRefusedWithTheReason(string text, string reason)
    {
        var failure = Assert.Throws<FormatException>(() => RetrySchedule.Parse(text));

        Assert.StartsWith("Webhooks:RetrySchedule", failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }
}
