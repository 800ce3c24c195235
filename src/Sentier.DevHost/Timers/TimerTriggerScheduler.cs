using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Sentier.Catalog;
using Sentier.DevHost.Hosting;
using FunctionDefinition = Sentier.Catalog.FunctionDefinition;

namespace Sentier.DevHost.Timers;

/// <summary>Fires one timer-triggered function on its schedule, and once at start when <c>RunOnStartup</c> is set.</summary>
public sealed class TimerTriggerScheduler(
    FunctionDefinition function,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    /// <summary>Task.Delay cannot wait longer than about 49 days; yearly schedules wait in steps.</summary>
    private static readonly TimeSpan LongestSingleWait = TimeSpan.FromDays(1);

    private readonly TimerTriggerDefinition _trigger = (TimerTriggerDefinition)function.Trigger;

    /// <summary>Fails at startup when the function has a parameter a timer cannot supply.</summary>
    public static void EnsureBindable(FunctionDefinition function)
    {
        foreach (var parameter in function.Method.GetParameters())
        {
            if (parameter.ParameterType != typeof(TimerInfo) && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new NotSupportedException(
                    $"Function '{function.Name}': the DevHost cannot bind parameter '{parameter.Name}' of a timer function.");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = TimerSchedule.Parse(_trigger.Schedule);
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? last = null;
        if (_trigger.RunOnStartup)
        {
            last = now;
            await FireAsync(last, schedule.NextAfter(now), stoppingToken);
        }

        // Each occurrence follows the previous one, not the clock: a wake-up a little early must not
        // fire the same occurrence twice, and a slow run skips missed occurrences as the host does.
        var next = schedule.NextAfter(now);
        while (!stoppingToken.IsCancellationRequested)
        {
            await WaitUntilAsync(next, stoppingToken);
            var following = schedule.NextAfter(next);
            await FireAsync(last, following, stoppingToken);
            last = next;
            var afterRun = time.GetUtcNow().UtcDateTime;
            next = following > afterRun ? following : schedule.NextAfter(afterRun);
        }
    }

    private async Task WaitUntilAsync(DateTime dueUtc, CancellationToken stoppingToken)
    {
        TimeSpan remaining;
        while ((remaining = dueUtc - time.GetUtcNow().UtcDateTime) > TimeSpan.Zero)
        {
            await Task.Delay(remaining < LongestSingleWait ? remaining : LongestSingleWait, time, stoppingToken);
        }
    }

    private async Task FireAsync(DateTime? last, DateTime next, CancellationToken stoppingToken)
    {
        var info = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = next, LastUpdated = time.GetUtcNow().UtcDateTime },
        };
        try
        {
            await invoker.InvokeAsync(function, (parameter, _) => Bind(parameter, info, stoppingToken));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // As in the Functions host, a failed run is logged and the schedule carries on.
            logger.LogError(ex, "Timer function {Function} failed", function.Name);
        }
    }

    private static object Bind(ParameterInfo parameter, TimerInfo info, CancellationToken stoppingToken) =>
        parameter.ParameterType == typeof(TimerInfo) ? info : stoppingToken;
}
