using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>Account B's token, given the id of A's webhook, finds nothing on any webhook route and changes nothing of A's.</summary>
[Collection(WebhooksHost.Name)]
public sealed class WebhooksAreIsolatedBetweenAccounts(DeliveringDevHostFixture host)
{
    [Fact]
    public async Task Another_accounts_token_cannot_reach_a_webhook_or_its_secret()
    {
        var a = await host.CreateAccountAsync("webhooks A");
        var b = await host.CreateAccountAsync("webhooks B");
        var (id, secret, _) = await WebhookHttp.CreateAsync(host.Api, a.Token, "A private hook");
        var before = (await host.Api.GetAsync($"webhooks/{id}", a.Token)).Body;

        var refusals = new[]
        {
            await host.Api.GetAsync($"webhooks/{id}", b.Token),
            await host.Api.PutAsync($"webhooks/{id}", """{"name":"Hijacked","url":"https://evil.example.com/"}""", b.Token),
            await host.Api.GetAsync($"webhooks/{id}/secret", b.Token),
            await host.Api.PostAsync($"webhooks/{id}/secret/rotate", "{}", b.Token),
            await host.Api.PostAsync($"webhooks/{id}/Test", "{}", b.Token),
            await host.Api.DeleteAsync($"webhooks/{id}", b.Token),
        };

        Assert.All(refusals, response => ApiAssert.Error(HttpStatusCode.NotFound, response));
        Assert.All(refusals, response => Assert.DoesNotContain(secret, response.Body, StringComparison.Ordinal));
        Assert.Equal("[]", (await host.Api.GetAsync("webhooks", b.Token)).Body);
        Assert.Equal(before, (await host.Api.GetAsync($"webhooks/{id}", a.Token)).Body);
        Assert.Equal(secret, (await host.Api.GetAsync($"webhooks/{id}/secret", a.Token)).Json.GetProperty("secret").GetString());
    }
}
