using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Timers;

/// <summary>
/// A schedule whose next occurrence is further away than one Task.Delay can wait (~49.7 days) is
/// waited for in steps: the host keeps running and the RunOnStartup run happens. The sample's
/// yearly schedule is always five to six months ahead (<see cref="SampleTimerFunctions.FarYearlySchedule"/>).
/// </summary>
[Collection(SampleHostCollection.Name)]
public sealed class ScheduleBeyondTaskDelayLimitKeepsHostRunning
{
    [Fact]
    public async Task HostIsStillRunningThreeSecondsLater()
    {
        await using var host = await SampleHost.StartAsync();
        var lifetime = host.Server.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.True(host.StartupNext - DateTime.UtcNow > TimeSpan.FromDays(100), $"{host.StartupSchedule} is due at {host.StartupNext:O}");

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "The host is stopping.");
        var firing = Assert.Single(SampleTimerFunctions.Firings(SampleTimerFunctions.Startup, host.RunId));
        Assert.Equal(host.StartupNext, firing.Timer.ScheduleStatus!.Next);
        using var response = await host.Server.Client.GetAsync("samples/still-serving");
        Assert.True(response.IsSuccessStatusCode, $"The host answered {(int)response.StatusCode}");
    }
}
