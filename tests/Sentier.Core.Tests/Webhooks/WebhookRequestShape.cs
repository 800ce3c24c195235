using Microsoft.Extensions.Time.Testing;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>What a receiver gets: a POST of the exact body with the Standard Webhooks headers and the subscription's parameters.</summary>
public sealed class WebhookRequestShape
{
    private static readonly DateTimeOffset Now = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task TheReceiverGetsASignedJsonPost()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender(time: new FakeTimeProvider(Now));

        var attempt = await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook", request.PathAndQuery);
        Assert.Equal(SenderHarness.Body, request.Body);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("msg_test_1", request.Headers["webhook-id"]);
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["webhook-timestamp"]);
        Assert.True(StandardWebhooksVerifier.Verify(
            SenderHarness.Secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        Assert.Matches(@"^Sentier-Webhooks/\d+\.\d+\.\d+", request.Headers["User-Agent"]);
        Assert.Equal(WebhookSender.UserAgent, request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task LineBreaksInAHeaderValueCannotSmuggleHeadersOrRequests()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender();
        const string fromAContactField = "x\r\nX-Injected: 1\r\nContent-Length: 0\r\n\r\nPOST /other HTTP/1.1\r\nHost: victim\r\nX-Pad: \0";

        var attempt = await sender.SendAsync(
            SenderHarness.Request(receiver.Url, headers: [new("X-First-Name", fromAContactField)]), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/hook", request.PathAndQuery);
        Assert.Equal(SenderHarness.Body, request.Body);
        Assert.False(request.Headers.ContainsKey("X-Injected"));
        Assert.Equal("x  X-Injected: 1  Content-Length: 0    POST /other HTTP/1.1  Host: victim  X-Pad:", request.Headers["X-First-Name"]);
    }

    [Fact]
    public async Task EachAttemptIsSignedWithItsOwnTimestamp()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var time = new FakeTimeProvider(Now);
        using var sender = SenderHarness.Sender(time: time);

        await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);

        var (first, second) = (receiver.Requests[0], receiver.Requests[1]);
        Assert.Equal(first.Headers["webhook-id"], second.Headers["webhook-id"]);
        Assert.Equal(300, long.Parse(second.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture) - long.Parse(first.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(first.Headers["webhook-signature"], second.Headers["webhook-signature"]);
        Assert.True(StandardWebhooksVerifier.Verify(SenderHarness.Secret, "msg_test_1", second.Headers["webhook-timestamp"], second.Body, second.Headers["webhook-signature"]));
    }

    [Fact]
    public async Task DuringRotationEitherSecretVerifies()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender();
        var current = WebhookSecret.Generate();

        await sender.SendAsync(SenderHarness.Request(receiver.Url, secrets: [current, SenderHarness.Secret]), CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(2, request.Headers["webhook-signature"].Split(' ').Length);
        foreach (var secret in new[] { current, SenderHarness.Secret })
        {
            Assert.True(StandardWebhooksVerifier.Verify(secret, "msg_test_1", request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        }
    }

    [Fact]
    public async Task HeaderAndQueryParametersAreSent()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender();
        var url = new Uri(receiver.Url + "?existing=1");

        await sender.SendAsync(
            SenderHarness.Request(
                url,
                headers: [new("Authorization", "Bearer abc"), new("X-Tenant", "שלום")],
                query: [new("source", "sentier"), new("a b", "x&y=z")]),
            CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("Bearer abc", request.Headers["Authorization"]);
        Assert.Equal("שלום", request.Headers["X-Tenant"]);
        Assert.Equal("/hook?existing=1&source=sentier&a%20b=x%26y%3Dz", request.PathAndQuery);
    }
}
