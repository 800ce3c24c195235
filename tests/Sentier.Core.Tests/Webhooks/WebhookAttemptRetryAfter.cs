using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary><c>Retry-After</c> is read in both of its forms.</summary>
public sealed class WebhookAttemptRetryAfter
{
    private static async Task<WebhookAttempt> AnswerAsync(int status, Func<string?> retryAfter)
    {
        await using var receiver = await LoopbackReceiver.StartAsync(c =>
        {
            c.Response.StatusCode = status;
            if (retryAfter() is { } value)
            {
                c.Response.Headers.RetryAfter = value;
            }

            return Task.CompletedTask;
        });
        using var sender = SenderHarness.Sender();
        return await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);
    }

    [Fact]
    public async Task SecondsAreADelay()
    {
        var attempt = await AnswerAsync(429, () => "120");

        Assert.Equal(TimeSpan.FromSeconds(120), attempt.RetryAfter);
    }

    [Fact]
    public async Task AnHttpDateIsTheDelayUntilThen()
    {
        var attempt = await AnswerAsync(503, () => DateTimeOffset.UtcNow.AddHours(1).ToString("R", CultureInfo.InvariantCulture));

        Assert.NotNull(attempt.RetryAfter);
        Assert.InRange(attempt.RetryAfter.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task ADateInThePastIsNoWait()
    {
        var attempt = await AnswerAsync(503, () => DateTimeOffset.UtcNow.AddHours(-1).ToString("R", CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.Zero, attempt.RetryAfter);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public async Task AbsentOrUnreadableIsNone(string? value)
    {
        var attempt = await AnswerAsync(503, () => value);

        Assert.Null(attempt.RetryAfter);
        Assert.Equal(AttemptOutcome.HttpError, attempt.Outcome);
    }
}
