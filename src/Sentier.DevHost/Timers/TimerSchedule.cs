using System.Globalization;
using NCrontab;

namespace Sentier.DevHost.Timers;

/// <summary>
/// A timer trigger's schedule: an NCRONTAB expression with seconds (<c>0 */5 * * * *</c>), a
/// classic five-field one, or a fixed interval (<c>00:05:00</c>). Times are UTC, the Functions default.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(CrontabSchedule? cron, TimeSpan interval)
    {
        _cron = cron;
        _interval = interval;
    }

    public static TimerSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 5 or 6)
        {
            var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields.Length == 6 })
                ?? throw new FormatException($"'{expression}' is not a valid NCRONTAB expression.");
            return new TimerSchedule(cron, TimeSpan.Zero);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(null, interval);
        }

        throw new FormatException($"'{expression}' is neither an NCRONTAB expression nor a TimeSpan.");
    }

    public DateTime NextAfter(DateTime utc) =>
        _cron is not null ? _cron.GetNextOccurrence(utc) : utc + _interval;
}
