using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The Test call posts a signed ping in the event shape, with the subscription's parameters, and
/// reports what the receiver answered; a connection that fails is reported, not thrown.
/// </summary>
public sealed class WebhookTestPings
{
    [Fact]
    public async Task APingArrivesSignedWithEveryParameter()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context => context.Response.WriteAsync("pong"));
        var harness = await WebhookHarness.CreateAsync();
        var (created, secret) = await harness.CreateAsync(new
        {
            url = receiver.Url + "?fixed=1",
            parameters = new object[]
            {
                new { key = "X-Api-Key", value = "k-123", event_parameter_type = "header" },
                new { key = "X-Who", event_parameter_type = "header", event_value_type = "user_field", user_field = "first_name" },
                new { key = "tenant", value = "acme & co", event_parameter_type = "query" },
                new { key = "mail", event_parameter_type = "query", event_value_type = "user_field", user_field = "email" },
                new { key = "campaign", value = "spring", event_parameter_type = "body" },
                new { key = "city", event_parameter_type = "body", event_value_type = "user_field", user_field = "city" },
            },
        });

        var result = await harness.Service.TestAsync(harness.AccountId, WebhookHarness.Id(created.Id), "app-1", CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal((AttemptOutcome.Delivered, 200, "pong"), (result.Attempt.Outcome, result.Attempt.StatusCode, result.Attempt.ResponseBody));
        Assert.Equal(result.EventId, request.Headers["webhook-id"]);
        Assert.True(StandardWebhooksVerifier.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        Assert.Equal(("k-123", "Sample"), (request.Headers["X-Api-Key"], request.Headers["X-Who"]));
        Assert.Equal("/hook?fixed=1&tenant=acme%20%26%20co&mail=sample.contact%40example.com", request.PathAndQuery);

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(result.EventId, root.GetProperty("id").GetString());
        Assert.Equal("ping", root.GetProperty("type").GetString());
        Assert.Equal(harness.AccountId, root.GetProperty("account_id").GetString());
        Assert.Equal(("api", "app-1"), (root.GetProperty("source").GetString(), root.GetProperty("app_id").GetString()));
        Assert.Equal(created.Id, root.GetProperty("data").GetProperty("webhook_id").GetInt64());
        Assert.Equal(("spring", "Tel Aviv"), (root.GetProperty("campaign").GetString(), root.GetProperty("city").GetString()));
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("created").GetString(), out _));
    }

    [Fact]
    public async Task DuringARotationThePingCarriesBothSignatures()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await WebhookHarness.CreateAsync();
        var (created, first) = await harness.CreateAsync(new { url = receiver.Url.ToString() });
        var id = WebhookHarness.Id(created.Id);
        var second = await harness.Service.RotateSecretAsync(harness.AccountId, id, CancellationToken.None);

        await harness.Service.TestAsync(harness.AccountId, id, "app-1", CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        var signature = request.Headers["webhook-signature"];
        Assert.Equal(2, signature.Split(' ').Length);
        Assert.True(StandardWebhooksVerifier.Verify(first, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, signature));
        Assert.True(StandardWebhooksVerifier.Verify(second, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, signature));
    }

    [Fact]
    public async Task AnErrorStatusIsReportedWithTheBody()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(async context =>
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync(new string('x', 5000));
        });
        var harness = await WebhookHarness.CreateAsync();
        var (created, _) = await harness.CreateAsync(new { url = receiver.Url.ToString(), is_active = false });

        var result = await harness.Service.TestAsync(harness.AccountId, WebhookHarness.Id(created.Id), "app-1", CancellationToken.None);

        Assert.Equal((AttemptOutcome.HttpError, 503), (result.Attempt.Outcome, result.Attempt.StatusCode));
        Assert.Equal(WebhookSender.MaxResponseBodyBytes, result.Attempt.ResponseBody.Length);
    }

    [Fact]
    public async Task AClosedPortIsReportedNotThrown()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, _) = await harness.CreateAsync(new { url = LoopbackReceiver.ClosedUrl().ToString() });

        var result = await harness.Service.TestAsync(harness.AccountId, WebhookHarness.Id(created.Id), "app-1", CancellationToken.None);

        Assert.Equal(AttemptOutcome.ConnectionFailed, result.Attempt.Outcome);
        Assert.Null(result.Attempt.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Attempt.Error));
    }
}
