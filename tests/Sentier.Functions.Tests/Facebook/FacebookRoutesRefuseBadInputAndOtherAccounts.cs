using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Facebook;

/// <summary>Every Facebook route answers another account 404 and bad input a 4xx with a Message, changing nothing; OAuth state is bound to its account.</summary>
public sealed class FacebookRoutesRefuseBadInputAndOtherAccounts(FacebookHostFixture host) : IClassFixture<FacebookHostFixture>
{
    [Fact]
    public async Task Another_account_sees_none_of_the_connections_forms_or_leads()
    {
        var (owner, pageId, _) = await host.ConnectedAccountAsync();
        var formId = FacebookHostFixture.NewFormId();
        host.Graph.AddForm(pageId, formId, "Owner's form", "email");
        ApiAssert.Status(HttpStatusCode.Created, await host.Api.PutAsync($"facebook/forms/{formId}", JsonSerializer.Serialize(new { connection_id = pageId, is_active = false }), owner.Token));
        var intruder = await host.Server.CreateAccountAsync("intruder");

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"facebook/forms/{formId}"),
            (HttpMethod.Delete, $"facebook/forms/{formId}"),
            (HttpMethod.Post, $"facebook/forms/{formId}/sync"),
            (HttpMethod.Get, $"facebook/forms/{formId}/leads"),
            (HttpMethod.Get, $"facebook/connections/{pageId}/forms"),
            (HttpMethod.Delete, $"facebook/connections/{pageId}"),
        })
        {
            var response = await host.Api.SendAsync(method, path, intruder.Token);
            ApiAssert.Status(HttpStatusCode.NotFound, response);
            Assert.True(response.Json.TryGetProperty("Message", out _));
        }

        Assert.Equal(0, (await host.Api.GetAsync("facebook/forms", intruder.Token)).Json.GetArrayLength());
        Assert.Equal(0, (await host.Api.GetAsync("facebook/connections", intruder.Token)).Json.GetArrayLength());
        var refused = await host.Api.PutAsync($"facebook/forms/{formId}", JsonSerializer.Serialize(new { connection_id = pageId }), intruder.Token);
        ApiAssert.Status(HttpStatusCode.BadRequest, refused);
        Assert.False((await host.Api.GetAsync($"facebook/forms/{formId}", owner.Token)).Json.GetProperty("is_active").GetBoolean());
    }

    [Fact]
    public async Task Bad_input_is_a_4xx_with_a_message_and_changes_nothing()
    {
        var (account, pageId, _) = await host.ConnectedAccountAsync();
        var formId = FacebookHostFixture.NewFormId();

        foreach (var (method, path, body, status) in new (HttpMethod, string, string?, HttpStatusCode)[]
        {
            (HttpMethod.Post, "facebook/connections", """{"page_id":"12","access_token":"EAAwrong"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Post, "facebook/connections", """{"page_id":"abc","access_token":"x"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Post, "facebook/connections", """{"page_id":"12"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Post, "facebook/connections", $$"""{"page_id":"{{pageId}}","access_token":"EAAtoken\r\nX-Injected: 1"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Post, "facebook/connections", $$"""{"page_id":"{{pageId}}","access_token":"EAAto\u0000ken"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"facebook/forms/{formId}", $$"""{"connection_id":"{{pageId}}","since":"1600-01-01"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Post, "facebook/connections", "not json", HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"facebook/forms/{formId}", JsonSerializer.Serialize(new { connection_id = pageId, field_mapping = new { q = "shoe_size" } }), HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"facebook/forms/{formId}", $$"""{"connection_id":"{{pageId}}","group_id":424242}""", HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"facebook/forms/{formId}", $$"""{"connection_id":"{{pageId}}","is_active":"maybe"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"facebook/forms/{formId}", """{"group_id":1}""", HttpStatusCode.BadRequest),
            (HttpMethod.Put, "facebook/forms/not-a-form", $$"""{"connection_id":"{{pageId}}"}""", HttpStatusCode.BadRequest),
            (HttpMethod.Get, "facebook/forms/not-a-form", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, "facebook/connections/x/forms", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"facebook/forms/{formId}/leads?Limit=1000", null, HttpStatusCode.BadRequest),
            (HttpMethod.Get, "facebook/oauth/start", null, HttpStatusCode.BadRequest),
            (HttpMethod.Get, "facebook/oauth/start?redirect_uri=javascript:alert(1)", null, HttpStatusCode.BadRequest),
            (HttpMethod.Get, "facebook/oauth/start?redirect_uri=" + Uri.EscapeDataString("https://evil.example/facebook/done"), null, HttpStatusCode.BadRequest),
            (HttpMethod.Get, "facebook/oauth/start?redirect_uri=" + Uri.EscapeDataString("https://app.example.com/facebook/done/elsewhere"), null, HttpStatusCode.BadRequest),
            (HttpMethod.Get, "facebook/oauth/callback?code=x&state=forged", null, HttpStatusCode.BadRequest),
            (HttpMethod.Get, "facebook/oauth/callback?state=x", null, HttpStatusCode.BadRequest),
        })
        {
            var response = await host.Api.SendAsync(method, path, account.Token, body is null ? null : ApiClient.Json(body));
            Assert.True(response.Status == status, $"{method} {path} {body}: {response.Status} {response.Body}");
            Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("Message").GetString()));
        }

        Assert.Equal(0, (await host.Api.GetAsync("facebook/forms", account.Token)).Json.GetArrayLength());
        Assert.Single((await host.Api.GetAsync("facebook/connections", account.Token)).Json.EnumerateArray());
    }

    [Fact]
    public async Task OAuth_start_ignores_the_requests_host()
    {
        var account = await host.Server.CreateAccountAsync("oauth host");
        // Host names no callback any more: a malformed one (which new Uri refuses) changes nothing.
        var response = await host.Api.SendAsync(HttpMethod.Get, "facebook/oauth/start?redirect_uri=" + Uri.EscapeDataString(FacebookHostFixture.RedirectUri), account.Token,
            configure: request => request.Headers.Host = "xn--");

        ApiAssert.Status(HttpStatusCode.OK, response);
    }

    [Fact]
    public async Task OAuth_connects_the_users_pages_and_a_state_serves_only_its_account()
    {
        var account = await host.Server.CreateAccountAsync("oauth");
        var other = await host.Server.CreateAccountAsync("oauth other");
        var pageId = "7" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        host.Graph.AddPage(pageId, "OAuth page", "EAAoauth" + Guid.NewGuid().ToString("N"));

        var start = await host.Api.GetAsync("facebook/oauth/start?redirect_uri=" + Uri.EscapeDataString(FacebookHostFixture.RedirectUri + "?from=settings"), account.Token);
        ApiAssert.Status(HttpStatusCode.OK, start);
        var url = new Uri(start.Json.GetProperty("url").GetString()!);
        Assert.Equal($"/{FakeGraphApi.Version}/dialog/oauth", url.AbsolutePath);
        Assert.Contains("scope=pages_show_list%2Cpages_read_engagement%2Cleads_retrieval%2Cpages_manage_metadata", url.Query, StringComparison.Ordinal);
        Assert.Contains($"client_id={FakeGraphApi.AppId}", url.Query, StringComparison.Ordinal);
        var state = start.Json.GetProperty("state").GetString()!;

        var stolen = await host.Api.GetAsync($"facebook/oauth/callback?code={FakeGraphApi.OAuthCode}&state={Uri.EscapeDataString(state)}", other.Token);
        ApiAssert.Status(HttpStatusCode.BadRequest, stolen);
        Assert.Equal(0, (await host.Api.GetAsync("facebook/connections", other.Token)).Json.GetArrayLength());

        var callback = await host.Api.GetAsync($"facebook/oauth/callback?code={FakeGraphApi.OAuthCode}&state={Uri.EscapeDataString(state)}&page_ids={pageId}", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, callback);
        var connected = Assert.Single(callback.Json.EnumerateArray());
        Assert.Equal(pageId, connected.GetProperty("page_id").GetString());
        Assert.DoesNotContain("EAA", callback.Body, StringComparison.Ordinal);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"facebook/connections/{pageId}/forms", account.Token));

        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"facebook/connections/{pageId}", account.Token));
        Assert.Equal(0, (await host.Api.GetAsync("facebook/connections", account.Token)).Json.GetArrayLength());
    }
}
