using System.Net;
using System.Text.Json;
using Sentier.Core.Common;
using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// Graph's error messages are shown to the account (<c>last_error</c>, a connection's reason, a 400):
/// a token Graph quotes in one, by value or by its <c>EAA…</c> shape, is replaced before it is.
/// </summary>
public sealed class GraphErrorMessagesHoldNoToken
{
    private static readonly string OtherToken = "EAAB" + new string('x', 40);

    [Fact]
    public async Task A_quoted_token_is_in_no_last_error_or_connection_reason()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(3, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.Faults.Enqueue(new FakeFault("/leads", times: 1, status: 400, code: 100, message: $"Bad request for {h.PageToken} and {OtherToken}"));

        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());
        var failed = (await h.FormAsync()).LastError;
        Assert.Contains("[redacted]", failed, StringComparison.Ordinal);
        Assert.DoesNotContain(h.PageToken, failed, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherToken, failed, StringComparison.Ordinal);

        h.Graph.Faults.Enqueue(new FakeFault("/leads", times: 1, status: 400, code: 190, message: $"Session for {h.PageToken} has expired"));
        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());
        var connection = await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None);
        Assert.Contains("[redacted]", connection!.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain(h.PageToken, connection.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain(h.PageToken, (await h.FormAsync()).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quoted_token_is_not_in_the_400_that_refuses_a_connection()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var token = "EAAbrought" + Guid.NewGuid().ToString("N");
        h.Graph.Faults.Enqueue(new FakeFault("/1000000005", times: 1, status: 400, code: 100, message: $"Invalid OAuth access token {token}"));

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => h.ConnectAsync("1000000005", token));

        Assert.DoesNotContain(token, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_secret_of_any_shape_is_replaced()
    {
        using var body = JsonDocument.Parse("""{"error":{"message":"proof plain-secret-123 refused","code":100}}""");

        var failure = GraphFailures.Read(HttpStatusCode.BadRequest, body.RootElement, _ => null, DateTimeOffset.UtcNow, "plain-secret-123");

        Assert.DoesNotContain("plain-secret-123", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", failure.Message, StringComparison.Ordinal);
    }
}
