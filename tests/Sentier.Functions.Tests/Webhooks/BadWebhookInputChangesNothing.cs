using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>Every webhook route answers bad input with a 4xx and a Message, and changes nothing.</summary>
[Collection(WebhooksHost.Name)]
public sealed class BadWebhookInputChangesNothing(DeliveringDevHostFixture host)
{
    [Theory]
    [InlineData("""{"url":"https://hooks.example.com/a","event_type":"contact_change"}""", "'name' is required")]
    [InlineData("""{"name":"n","url":"https://10.1.2.3/a","event_type":"contact_change"}""", "private address")]
    [InlineData("""{"name":"n","url":"ftp://hooks.example.com/a","event_type":"contact_change"}""", "absolute http or https")]
    [InlineData("""{"name":"n","url":"https://hooks.example.com/a","event_type":"ping"}""", "ping cannot be subscribed")]
    [InlineData("""{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"Host","value":"x"}]}""", "cannot be set")]
    [InlineData("""{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"k","event_value_type":"user_field","user_field":"shoe"}]}""", "is not a contact field")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""{"name":""", "not valid JSON")]
    public async Task Bad_bodies_are_400_and_create_or_change_nothing(string json, string message)
    {
        var account = await host.CreateAccountAsync("webhooks bad input");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token);
        var before = await host.Api.GetAsync("webhooks", account.Token);

        var create = ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PostAsync("webhooks", json, account.Token));
        Assert.Contains(message, create, StringComparison.Ordinal);

        // An update keeps the fields it leaves out, so only a create needs a name.
        if (!message.StartsWith("'name' is required", StringComparison.Ordinal))
        {
            var update = await host.Api.PutAsync($"webhooks/{id}", json, account.Token);
            Assert.Contains(message, ApiAssert.Error(HttpStatusCode.BadRequest, update), StringComparison.Ordinal);
        }

        Assert.Equal(before.Body, (await host.Api.GetAsync("webhooks", account.Token)).Body);
    }

    [Theory]
    [InlineData("webhooks?EventType=nothing", "'EventType'")]
    [InlineData("webhooks?StateType=paused", "'StateType'")]
    [InlineData("webhooks?TargetType=slack", "'TargetType'")]
    [InlineData("webhooks?IsIgnoreParameters=perhaps", "'IsIgnoreParameters'")]
    [InlineData("webhooks?Limit=0", "'Limit'")]
    [InlineData("webhooks?Continuation=garbage", "Continuation")]
    public async Task Bad_list_queries_are_400(string path, string message)
    {
        var account = await host.CreateAccountAsync("webhooks bad query");

        Assert.Contains(message, ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.GetAsync(path, account.Token)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "webhooks/0")]
    [InlineData("GET", "webhooks/abc")]
    [InlineData("PUT", "webhooks/99")]
    [InlineData("DELETE", "webhooks/-1")]
    [InlineData("GET", "webhooks/99/secret")]
    [InlineData("POST", "webhooks/99/secret/rotate")]
    [InlineData("POST", "webhooks/x/Test")]
    public async Task Unknown_ids_are_404(string method, string path)
    {
        var account = await host.CreateAccountAsync("webhooks unknown ids");

        var response = await host.Api.SendAsync(new HttpMethod(method), path, account.Token, method == "PUT" ? ApiClient.Json("""{"name":"n"}""") : null);

        ApiAssert.Error(HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task The_fifty_first_webhook_is_400()
    {
        var account = await host.CreateAccountAsync("webhooks limit");
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => WebhookHttp.CreateAsync(host.Api, account.Token, $"hook {i}")));

        var refused = await host.Api.PostAsync("webhooks", """{"name":"one too many","url":"https://hooks.example.com/a","event_type":"contact_change"}""", account.Token);

        Assert.Contains("50 webhooks", ApiAssert.Error(HttpStatusCode.BadRequest, refused), StringComparison.Ordinal);
        Assert.Equal(50, (await host.Api.WalkAsync("webhooks?Limit=100", account.Token)).Items.Count);
    }
}
