using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>
/// The signing secret is in the create answer and behind <c>GET …/secret</c> (which needs
/// <c>webhooks:write</c>), never in a list or a read; a rotation answers the new one.
/// </summary>
[Collection(WebhooksHost.Name)]
public sealed class WebhookSecretsAreShownOnlyOnRequest(DeliveringDevHostFixture host)
{
    [Fact]
    public async Task Reads_and_lists_never_carry_the_secret()
    {
        var account = await host.CreateAccountAsync("webhook secrets");
        var (id, secret, _) = await WebhookHttp.CreateAsync(host.Api, account.Token);

        var read = await host.Api.GetAsync($"webhooks/{id}", account.Token);
        var list = await host.Api.GetAsync("webhooks", account.Token);
        var shown = await host.Api.GetAsync($"webhooks/{id}/secret", account.Token);

        foreach (var response in new[] { read, list })
        {
            ApiAssert.Status(HttpStatusCode.OK, response);
            Assert.DoesNotContain(secret[6..], response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", ApiAssert.PropertyNames(response.Json));
        }

        Assert.Equal(secret, shown.Json.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task A_rotation_answers_a_new_secret_that_the_secret_read_then_shows()
    {
        var account = await host.CreateAccountAsync("webhook rotation");
        var (id, secret, _) = await WebhookHttp.CreateAsync(host.Api, account.Token);

        var rotated = await host.Api.PostAsync($"webhooks/{id}/secret/rotate", "", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, rotated);
        var fresh = rotated.Json.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", fresh, StringComparison.Ordinal);
        Assert.NotEqual(secret, fresh);
        Assert.Equal(fresh, (await host.Api.GetAsync($"webhooks/{id}/secret", account.Token)).Json.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task Reading_the_secret_needs_the_write_scope()
    {
        var account = await host.CreateAccountAsync("webhook secret scope");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token);
        var reader = await host.Api.CreateAppAsync(account.Token, """{"name":"reader","scopes":["webhooks:read"]}""");

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"webhooks/{id}", reader.Token));
        Assert.Contains("'webhooks:write'", ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync($"webhooks/{id}/secret", reader.Token)), StringComparison.Ordinal);
    }
}
