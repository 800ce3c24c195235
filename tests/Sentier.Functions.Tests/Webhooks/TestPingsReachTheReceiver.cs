using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/{id}/Test</c> posts a signed ping to the webhook's URL at once and answers
/// 200 with how the receiver answered, or why nothing answered.
/// </summary>
[Collection(WebhooksHost.Name)]
public sealed class TestPingsReachTheReceiver(DeliveringDevHostFixture host)
{
    [Fact]
    public async Task The_receiver_gets_a_verifiable_ping_with_the_parameters()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(async context =>
        {
            context.Response.StatusCode = 202;
            await context.Response.WriteAsync("thanks");
        });
        var account = await host.CreateAccountAsync("webhook test");
        var (id, secret, _) = await WebhookHttp.CreateAsync(host.Api, account.Token, new
        {
            name = "receiver",
            url = receiver.Url.ToString(),
            event_type = "contact_change",
            parameters = new object[]
            {
                new { key = "X-Api-Key", value = "k-1", event_parameter_type = "header" },
                new { key = "list", value = "7", event_parameter_type = "query" },
                new { key = "origin", value = "sentier", event_parameter_type = "body" },
            },
        });

        var answer = await host.Api.PostAsync($"webhooks/{id}/Test", "", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, answer);
        Assert.Equal((true, "delivered", 202, "thanks"), (answer.Json.GetProperty("success").GetBoolean(), answer.Json.GetProperty("outcome").GetString(),
            answer.Json.GetProperty("status_code").GetInt32(), answer.Json.GetProperty("response_body").GetString()));
        Assert.True(answer.Json.GetProperty("latency_ms").GetDouble() >= 0);
        var request = Assert.Single(receiver.Requests);
        Assert.True(StandardWebhooksVerifier.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        Assert.Equal(answer.Json.GetProperty("event_id").GetString(), request.Headers["webhook-id"]);
        Assert.Equal("k-1", request.Headers["X-Api-Key"]);
        Assert.Equal("/hook?list=7", request.PathAndQuery);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(("ping", account.AccountId, account.FirstAppId, "sentier"), (body.RootElement.GetProperty("type").GetString(),
            body.RootElement.GetProperty("account_id").GetString(), body.RootElement.GetProperty("app_id").GetString(), body.RootElement.GetProperty("origin").GetString()));
    }

    [Fact]
    public async Task A_closed_port_is_a_200_that_says_why()
    {
        var account = await host.CreateAccountAsync("webhook test closed");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token, "closed", LoopbackReceiver.ClosedUrl().ToString());

        var answer = await host.Api.PostAsync($"webhooks/{id}/Test", "", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, answer);
        Assert.Equal((false, "connection_failed"), (answer.Json.GetProperty("success").GetBoolean(), answer.Json.GetProperty("outcome").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.Json.GetProperty("status_code").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("error").GetString()));
    }
}
