using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Timers;

/// <summary>RunOnStartup fires a timer function once when the host starts, even when its schedule is far away.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class RunOnStartupFiresAtStart
{
    [Fact]
    public async Task FiresOnceRightAfterStart()
    {
        var started = DateTime.UtcNow;
        await using var host = await SampleHost.StartAsync();

        await Eventually.TrueAsync(
            () => SampleTimerFunctions.Firings(SampleTimerFunctions.Startup, host.RunId).Count > 0,
            "the startup run",
            TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var firing = Assert.Single(SampleTimerFunctions.Firings(SampleTimerFunctions.Startup, host.RunId));
        Assert.InRange(firing.FiredAtUtc, started, started.AddSeconds(10));
        Assert.False(firing.Timer.IsPastDue);
        var status = Assert.IsType<Microsoft.Azure.Functions.Worker.ScheduleStatus>(firing.Timer.ScheduleStatus);
        Assert.Equal(host.StartupNext, status.Next);
    }
}
