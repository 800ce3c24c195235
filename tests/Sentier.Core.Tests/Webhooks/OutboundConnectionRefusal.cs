using System.Diagnostics;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The address check runs when the connection is made, on the address connected to: a host name
/// that resolves to loopback is refused like the literal, unless <c>Webhooks:AllowedNetworks</c>
/// names it. The refusal names the kind of address, never the address a name resolved to: the
/// account reads it, and private DNS names' addresses are not for it to map.
/// </summary>
public sealed class OutboundConnectionRefusal
{
    [Fact]
    public async Task AHostNameResolvingToLoopbackIsRefusedWhenLoopbackIsNotAllowed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender(allowedNetworks: "");

        var attempt = await sender.SendAsync(SenderHarness.Request(new Uri($"http://localhost:{receiver.Url.Port}/hook")), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Refused, attempt.Outcome);
        Assert.Equal("refused: localhost resolves to a loopback address", attempt.Error);
        Assert.Null(attempt.StatusCode);
        Assert.True(attempt.ShouldRetry);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task TheSameHostNameIsDeliveredWhenLoopbackIsAllowed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        // Only the IPv4 range: if localhost also resolves to ::1, that address is skipped and 127.0.0.1 used.
        using var sender = SenderHarness.Sender(allowedNetworks: "127.0.0.0/8");

        var attempt = await sender.SendAsync(SenderHarness.Request(new Uri($"http://localhost:{receiver.Url.Port}/hook")), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1 is a loopback address")]
    [InlineData("[::ffff:127.0.0.1]", "::ffff:127.0.0.1 is a loopback address")]
    public async Task LiteralLoopbackAddressesAreRefused(string host, string reason)
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender(allowedNetworks: "");

        var attempt = await sender.SendAsync(SenderHarness.Request(new Uri($"http://{host}:{receiver.Url.Port}/hook")), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Refused, attempt.Outcome);
        Assert.Equal($"refused: {reason}", attempt.Error);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task AMappedLoopbackAddressIsDeliveredWhenLoopbackIsAllowed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender(allowedNetworks: "127.0.0.0/8");

        var attempt = await sender.SendAsync(SenderHarness.Request(new Uri($"http://[::ffff:127.0.0.1]:{receiver.Url.Port}/hook")), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Delivered, attempt.Outcome);
    }

    [Theory]
    [InlineData("http://10.0.0.1/hook", "refused: 10.0.0.1 is a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address (cloud metadata lives here)")]
    [InlineData("https://[fd00::1]/hook", "refused: fd00::1 is a private (unique local) address")]
    public async Task PrivateAddressesAreRefusedWithoutConnecting(string url, string error)
    {
        using var sender = SenderHarness.Sender();
        var clock = Stopwatch.StartNew();

        var attempt = await sender.SendAsync(SenderHarness.Request(new Uri(url)), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Refused, attempt.Outcome);
        Assert.Equal(error, attempt.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task PlainHttpIsRefusedUnlessAllowed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var sender = SenderHarness.Sender(allowHttp: false);

        var attempt = await sender.SendAsync(SenderHarness.Request(receiver.Url), CancellationToken.None);

        Assert.Equal(AttemptOutcome.Refused, attempt.Outcome);
        Assert.StartsWith("refused: http URLs are not allowed", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }
}
