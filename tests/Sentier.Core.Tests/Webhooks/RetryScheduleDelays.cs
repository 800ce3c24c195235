using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Jitter stays within ±20 %, <c>Retry-After</c> is clamped to [step, 2 × step], and the schedule ends.</summary>
public sealed class RetryScheduleDelays
{
    private static readonly RetrySchedule Schedule = RetrySchedule.Parse("0,10,100,604800");

    /// <summary>A random source that always draws the same value.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Fact]
    public void JitterStaysWithinTwentyPercentAndCoversTheRange()
    {
        var random = new Random(20310506);
        var draws = Enumerable.Range(0, 10_000).Select(_ => Schedule.NextDelay(3, null, random)!.Value.TotalSeconds).ToList();

        Assert.All(draws, d => Assert.InRange(d, 80, 120));
        Assert.InRange(draws.Min(), 80, 81);
        Assert.InRange(draws.Max(), 119, 120);
        Assert.InRange(draws.Average(), 99, 101);
    }

    [Theory]
    [InlineData(0.0, 8)]
    [InlineData(0.5, 10)]
    [InlineData(0.999999999, 12)]
    public void TheExtremesOfTheRandomSourceAreTheBounds(double draw, double seconds)
    {
        Assert.Equal(seconds, Schedule.NextDelay(2, null, new FixedRandom(draw))!.Value.TotalSeconds, precision: 6);
    }

    [Fact]
    public void AnImmediateStepHasNoJitter()
    {
        Assert.Equal(TimeSpan.Zero, Schedule.NextDelay(1, null, new FixedRandom(0.999)));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(10, 10)]
    [InlineData(15, 15)]
    [InlineData(20, 20)]
    [InlineData(3600, 20)]
    public void RetryAfterIsHonouredBetweenTheStepAndTwiceTheStep(int retryAfterSeconds, int expectedSeconds)
    {
        var delay = Schedule.NextDelay(2, TimeSpan.FromSeconds(retryAfterSeconds), new FixedRandom(0));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void NoDelayIsLongerThanSevenDays()
    {
        Assert.Equal(TimeSpan.FromDays(7), Schedule.NextDelay(4, null, new FixedRandom(0.999)));
        Assert.Equal(TimeSpan.FromDays(7), Schedule.NextDelay(4, TimeSpan.FromDays(10), new FixedRandom(0)));
    }

    [Fact]
    public void AfterTheLastStepThereAreNoMoreAttempts()
    {
        Assert.NotNull(Schedule.NextDelay(4, null, Random.Shared));
        Assert.Null(Schedule.NextDelay(5, null, Random.Shared));
        Assert.Null(Schedule.NextDelay(5, TimeSpan.FromSeconds(1), Random.Shared));
        Assert.Equal(5, Schedule.MaxAttempts);
    }
}
