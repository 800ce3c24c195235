using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

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

    /// <summary>
    /// A wake-up a little before the due second must not fire that second's occurrence twice: about
    /// four runs in four seconds, each told a different next occurrence.
    /// </summary>
    [Fact]
    public async Task FiresOncePerOccurrence()
    {
        await using var host = await SampleHost.StartAsync();

        await Task.Delay(TimeSpan.FromSeconds(4));
        var firings = SampleTimerFunctions.Firings(SampleTimerFunctions.EverySecond, host.RunId);

        var nexts = firings.Select(f => f.Timer.ScheduleStatus!.Next).ToList();
        var listing = string.Join(", ", firings.Take(12).Select(f => $"{f.FiredAtUtc:HH:mm:ss.fff}->{f.Timer.ScheduleStatus!.Next:HH:mm:ss.fff}")) + (firings.Count > 12 ? ", …" : "");
        Assert.True(firings.Count is >= 2 and <= 6, $"{firings.Count} runs in 4 s: {listing}");
        Assert.True(nexts.Distinct().Count() == nexts.Count, $"Two runs were told the same next occurrence: {listing}");
        Assert.True(
            firings.Select(f => f.Timer.ScheduleStatus!.Last).Where(last => last != default).Distinct().Count()
                == firings.Count(f => f.Timer.ScheduleStatus!.Last != default),
            $"Two runs were told the same last occurrence: {listing}");
    }
}
