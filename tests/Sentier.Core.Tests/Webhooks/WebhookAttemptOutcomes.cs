using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>How an attempt is classified from what a real receiver answers.</summary>
public sealed class WebhookAttemptOutcomes
{
    private static async Task<(WebhookAttempt Attempt, LoopbackReceiver Receiver)> SendToAsync(Func<HttpContext, Task> respond)
    {
        var receiver = await LoopbackReceiver.StartAsync(respond);
        using var sender = SenderHarness.Sender();
        return (await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None), receiver);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(204)]
    [InlineData(299)]
    public async Task TwoHundredsAreDelivered(int status)
    {
        var (attempt, receiver) = await SendToAsync(async c =>
        {
            c.Response.StatusCode = status;
            if (status != 204)
            {
                await c.Response.WriteAsync("thanks");
            }
        });
        await receiver.DisposeAsync();

        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
        Assert.Equal(status, attempt.StatusCode);
        Assert.Null(attempt.Error);
        Assert.Equal(status == 204 ? "" : "thanks", attempt.ResponseBody);
        Assert.False(attempt.ShouldRetry);
        Assert.True(attempt.Duration > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task OtherStatusesAreRetried(int status)
    {
        var (attempt, receiver) = await SendToAsync(async c =>
        {
            c.Response.StatusCode = status;
            await c.Response.WriteAsync("{\"error\":\"boom\"}");
        });
        await receiver.DisposeAsync();

        Assert.Equal(AttemptOutcome.HttpError, attempt.Outcome);
        Assert.Equal(status, attempt.StatusCode);
        Assert.StartsWith($"HTTP {status}", attempt.Error, StringComparison.Ordinal);
        Assert.Equal("{\"error\":\"boom\"}", attempt.ResponseBody);
        Assert.True(attempt.ShouldRetry);
    }

    [Fact]
    public async Task GoneMeansDisableNotRetry()
    {
        var (attempt, receiver) = await SendToAsync(c =>
        {
            c.Response.StatusCode = 410;
            return Task.CompletedTask;
        });
        await receiver.DisposeAsync();

        Assert.Equal(AttemptOutcome.Gone, attempt.Outcome);
        Assert.Equal(410, attempt.StatusCode);
        Assert.False(attempt.ShouldRetry);
        Assert.Contains("410 Gone", attempt.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task RedirectsAreFailuresAndNotFollowed(int status)
    {
        var (attempt, receiver) = await SendToAsync(c =>
        {
            if (c.Request.Path == "/hook")
            {
                c.Response.StatusCode = status;
                c.Response.Headers.Location = "/elsewhere";
            }

            return Task.CompletedTask;
        });
        await using (receiver)
        {
            Assert.Equal(AttemptOutcome.HttpError, attempt.Outcome);
            Assert.Equal(status, attempt.StatusCode);
            Assert.Contains("redirects are not followed", attempt.Error, StringComparison.Ordinal);
            Assert.Contains("/elsewhere", attempt.Error, StringComparison.Ordinal);
            Assert.Equal("/hook", Assert.Single(receiver.Requests).PathAndQuery);
        }
    }

    [Fact]
    public async Task AClosedPortIsAConnectionFailure()
    {
        using var sender = SenderHarness.Sender();

        var attempt = await sender.SendAsync(SenderHarness.Request(LoopbackReceiver.ClosedUrl()), CancellationToken.None);

        Assert.Equal(AttemptOutcome.ConnectionFailed, attempt.Outcome);
        Assert.Null(attempt.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(attempt.Error));
        Assert.True(attempt.ShouldRetry);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotATimeout()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(c => Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        using var sender = SenderHarness.Sender();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(SenderHarness.Request(receiver.Url), cancel.Token));
    }
}
