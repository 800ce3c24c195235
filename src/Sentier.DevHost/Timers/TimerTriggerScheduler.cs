using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using FunctionDefinition = Sentier.DevHost.Catalog.FunctionDefinition;
using Sentier.DevHost.Catalog;
using Sentier.DevHost.Hosting;

namespace Sentier.DevHost.Timers;

/// <summary>Fires one timer-triggered function on its schedule, and once at start when <c>RunOnStartup</c> is set.</summary>
public sealed class TimerTriggerScheduler(
    FunctionDefinition function,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    private readonly TimerTriggerDefinition _trigger = (TimerTriggerDefinition)function.Trigger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = TimerSchedule.Parse(_trigger.Schedule);
        DateTime? last = null;
        if (_trigger.RunOnStartup)
        {
            last = time.GetUtcNow().UtcDateTime;
            await FireAsync(last, schedule.NextAfter(last.Value), stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.NextAfter(now);
            await Task.Delay(next - now, time, stoppingToken);
            await FireAsync(last, schedule.NextAfter(next), stoppingToken);
            last = next;
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

    private object? Bind(ParameterInfo parameter, TimerInfo info, CancellationToken stoppingToken) =>
        parameter.ParameterType == typeof(TimerInfo) ? info
        : parameter.ParameterType == typeof(CancellationToken) ? stoppingToken
        : throw new NotSupportedException($"Function '{function.Name}': the DevHost cannot bind parameter '{parameter.Name}'.");
}
