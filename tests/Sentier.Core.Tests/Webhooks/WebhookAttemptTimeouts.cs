using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>A slow receiver costs at most the configured timeout, and a huge or endless body at most 4 KB.</summary>
public sealed class WebhookAttemptTimeouts
{
    [Fact]
    public async Task NoAnswerWithinTheTimeoutIsATimedOutAttempt()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(c => Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        using var sender = SenderHarness.Sender(timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();

        var attempt = await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);

        Assert.Equal(AttemptOutcome.TimedOut, attempt.Outcome);
        Assert.Null(attempt.StatusCode);
        Assert.Equal("no answer within 1 s", attempt.Error);
        Assert.True(attempt.ShouldRetry);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.InRange(attempt.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnEndlessBodyIsCutAt4KbWithoutWaitingForTheRest()
    {
        await using var receiver = await StallingReceiverAsync(200, new string('a', 10_000));
        using var sender = SenderHarness.Sender(timeoutSeconds: 10);
        var clock = Stopwatch.StartNew();

        var attempt = await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
        Assert.Equal(new string('a', WebhookSender.MaxResponseBodyBytes), attempt.ResponseBody);
        Assert.Null(attempt.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    /// <summary>Answers <paramref name="status"/> and the start of a body, then never finishes it.</summary>
    private static Task<LoopbackReceiver> StallingReceiverAsync(int status, string bodyStart) =>
        LoopbackReceiver.StartAsync(async c =>
        {
            c.Response.StatusCode = status;
            await c.Response.WriteAsync(bodyStart, c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
        });

    [Fact]
    public async Task ABodyThatStallsAfterTheStatusKeepsTheStatusOutcome()
    {
        await using var receiver = await StallingReceiverAsync(503, "partial");
        using var sender = SenderHarness.Sender(timeoutSeconds: 1);

        var attempt = await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);

        Assert.Equal(AttemptOutcome.HttpError, attempt.Outcome);
        Assert.Equal(503, attempt.StatusCode);
        Assert.Equal("partial", attempt.ResponseBody);
    }

    [Fact]
    public async Task AStalledSuccessIsStillDeliveredAndSaysTheBodyWasIncomplete()
    {
        await using var receiver = await StallingReceiverAsync(200, "ok so far");
        using var sender = SenderHarness.Sender(timeoutSeconds: 1);

        var attempt = await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
        Assert.Equal("ok so far", attempt.ResponseBody);
        Assert.Equal("the response body did not arrive within 1 s", attempt.Error);
    }
}
