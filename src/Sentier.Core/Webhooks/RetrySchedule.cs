using System.Globalization;

namespace Sentier.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again: <c>Webhooks:RetrySchedule</c>, the delay in seconds before
/// each retry. Each delay varies by ±20 % so receivers recovering from an outage are not hit by every
/// retry at the same instant. A receiver's <c>Retry-After</c> is honoured within [step, 2 × step]:
/// it may slow the schedule down, never speed it up or stall it.
/// </summary>
public sealed class RetrySchedule
{
    /// <summary>
    /// The first attempt immediately, then retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h,
    /// 20 h and 24 h (Standard Webhooks' recommendation): ten attempts over about 3 days and 3 hours.
    /// </summary>
    public const string Default = "5,300,1800,7200,18000,36000,50400,72000,86400";

    public const double Jitter = 0.2;

    /// <summary>The longest a queue message can stay invisible, so the longest one wait can be.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private RetrySchedule(TimeSpan[] delays)
    {
        Delays = delays;
    }

    /// <summary>The base delay before retry 1, 2, …, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>The first attempt and every retry.</summary>
    public int MaxAttempts => Delays.Count + 1;

    /// <exception cref="FormatException">The text is not a comma list of whole seconds from 0 to 7 days; the message says what is wrong.</exception>
    public static RetrySchedule Parse(string text)
    {
        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        if (entries is [""])
        {
            throw new FormatException("Webhooks:RetrySchedule is empty: list the delay in seconds before each retry, e.g. \"5,300,1800\".");
        }

        var delays = new TimeSpan[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            if (!long.TryParse(entries[i], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new FormatException($"Webhooks:RetrySchedule entry {i + 1} ('{Common.MessageText.Clip(entries[i])}') is not a whole number of seconds.");
            }

            if (seconds > MaxDelay.TotalSeconds)
            {
                throw new FormatException($"Webhooks:RetrySchedule entry {i + 1} ({seconds} s) is longer than 7 days ({MaxDelay.TotalSeconds:0} s), the longest a queue message can wait.");
            }

            delays[i] = TimeSpan.FromSeconds(seconds);
        }

        return new RetrySchedule(delays);
    }

    /// <summary>
    /// How long to wait before the next attempt after <paramref name="failedAttempts"/> attempts
    /// (1 after the first) have failed, or null when there is none left and the delivery has failed.
    /// </summary>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c> on the last failure, if it sent one.</param>
    /// <param name="random">The jitter's source; <see cref="Random.Shared"/> outside tests.</param>
    public TimeSpan? NextDelay(int failedAttempts, TimeSpan? retryAfter, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (failedAttempts > Delays.Count)
        {
            return null;
        }

        var step = Delays[failedAttempts - 1];
        var delay = retryAfter is { } asked
            ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, step.Ticks, 2 * step.Ticks))
            : step * (1 + (((random.NextDouble() * 2) - 1) * Jitter));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
