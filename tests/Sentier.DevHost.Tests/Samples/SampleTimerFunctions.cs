using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Sentier.DevHost.Tests.Samples;

/// <summary>
/// Timer-triggered samples. Every DevHost started with this assembly runs them, so each records
/// under the run id of its own host (the <c>SampleRunId</c> app setting, read through DI).
/// </summary>
public sealed class SampleTimerFunctions(IConfiguration configuration)
{
    public const string EverySecondName = "SampleTimer_EverySecond";
    public const string StartupName = "SampleTimer_Startup";
    public const string EverySecondSchedule = "*/1 * * * * *";
    public const string StartupScheduleSetting = "SampleStartupSchedule";
    public const string RunIdSetting = "SampleRunId";

    /// <summary>New Year: the natural schedule of a yearly job, as the catalog tests read it.</summary>
    public const string YearlySchedule = "0 0 0 1 1 *";

    public static ConcurrentDictionary<string, ConcurrentQueue<TimerFiring>> EverySecond { get; } = new(StringComparer.Ordinal);

    public static ConcurrentDictionary<string, ConcurrentQueue<TimerFiring>> Startup { get; } = new(StringComparer.Ordinal);

    [Function(EverySecondName)]
    public void RunEverySecond([TimerTrigger(EverySecondSchedule)] TimerInfo timer) =>
        Record(EverySecond, timer);

    /// <summary>
    /// Its schedule (in a running host: yearly, on a day five to six months ahead, see
    /// <see cref="FarYearlySchedule"/>) is not due during a test; only RunOnStartup makes it fire.
    /// </summary>
    [Function(StartupName)]
    public void RunAtStartup([TimerTrigger("%" + StartupScheduleSetting + "%", RunOnStartup = true)] TimerInfo timer) =>
        Record(Startup, timer);

    /// <summary>
    /// A yearly schedule (the 1st of the month six months on) whose next occurrence is always 150 to
    /// 185 days away: far beyond the ~49.7 days a single Task.Delay can wait, whatever the date.
    /// (New Year itself is closer than that from mid-November on.)
    /// </summary>
    public static (string Schedule, DateTime Next) FarYearlySchedule(DateTime nowUtc)
    {
        var month = new DateTime(nowUtc.Year, nowUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(6);
        return ($"0 0 0 1 {month.Month} *", month);
    }

    public static IReadOnlyList<TimerFiring> Firings(ConcurrentDictionary<string, ConcurrentQueue<TimerFiring>> log, string runId) =>
        log.TryGetValue(runId, out var firings) ? [.. firings] : [];

    private void Record(ConcurrentDictionary<string, ConcurrentQueue<TimerFiring>> log, TimerInfo timer)
    {
        var runId = configuration[RunIdSetting] ?? throw new InvalidOperationException($"{RunIdSetting} is not set.");
        log.GetOrAdd(runId, _ => new ConcurrentQueue<TimerFiring>()).Enqueue(new TimerFiring(DateTime.UtcNow, timer));
    }
}

public sealed record TimerFiring(DateTime FiredAtUtc, TimerInfo Timer);
