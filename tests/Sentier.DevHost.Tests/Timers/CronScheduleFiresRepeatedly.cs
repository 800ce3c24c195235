using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Timers;

/// <summary>A six-field NCRONTAB schedule of every second fires every second, each run told the next occurrence.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class CronScheduleFiresRepeatedly
{
    [Fact]
    public async Task FiresAtLeastTwiceWithinFourSeconds()
    {
        await using var host = await SampleHost.StartAsync();

        await Eventually.TrueAsync(
            () => SampleTimerFunctions.Firings(SampleTimerFunctions.EverySecond, host.RunId).Count >= 2,
            "two runs of the every-second timer",
            TimeSpan.FromSeconds(4.5));

        foreach (var firing in SampleTimerFunctions.Firings(SampleTimerFunctions.EverySecond, host.RunId))
        {
            Assert.False(firing.Timer.IsPastDue);
            var next = firing.Timer.ScheduleStatus!.Next;
            Assert.True(next > firing.FiredAtUtc, $"Next {next:O} is not after the run at {firing.FiredAtUtc:O}");
            Assert.True(next - firing.FiredAtUtc <= TimeSpan.FromSeconds(2), $"Next {next:O} is not about a second after {firing.FiredAtUtc:O}");
            Assert.Equal(0, next.Millisecond);
        }
    }
}
