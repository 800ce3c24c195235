using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>Creating an app is the only answer that carries its token; every read shows a six-character hint.</summary>
public sealed class TokensAreShownOnce(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task Creating_an_app_returns_201_with_its_id_and_token_at_the_top_level()
    {
        var account = await host.CreateAccountAsync();

        var response = await host.Api.PostAsync(
            "apps", """{"name":"Zapier","description":"zaps","allowed_ips":["127.0.0.1"],"expires":"2099-01-02T03:04:05"}""", account.Token);

        ApiAssert.Status(HttpStatusCode.Created, response);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.OrdinalIgnoreCase);
        var body = response.Json;
        Assert.Matches(ApiAssert.IdShape(), body.GetProperty("id").GetString());
        var token = body.GetProperty("token").GetString()!;
        Assert.Matches(ApiAssert.TokenShape(), token);
        Assert.NotEqual(account.Token, token);
        Assert.Equal(token[..6], body.GetProperty("token_hint").GetString());
        Assert.Equal("Zapier", body.GetProperty("name").GetString());
        Assert.Equal("zaps", body.GetProperty("description").GetString());
        Assert.Equal(["127.0.0.1"], body.GetProperty("allowed_ips").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2099-01-02T03:04:05", body.GetProperty("expires").GetString());
        Assert.Matches(ApiAssert.WireDate(), body.GetProperty("created").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("last_used").ValueKind);
    }

    [Fact]
    public async Task Lists_and_reads_never_contain_a_token()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"Make","scopes":["apps:manage"]}""");
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", app.Token));

        var list = await host.Api.GetAsync("apps", account.Token);
        var read = await host.Api.GetAsync($"apps/{app.Id}", account.Token);
        var readFirst = await host.Api.GetAsync($"apps/{account.FirstAppId}", app.Token);
        var caller = await host.Api.GetAsync("account", app.Token);
        var updated = await host.Api.PutAsync($"apps/{app.Id}", """{"name":"Make 2"}""", account.Token);

        foreach (var response in new[] { list, read, readFirst, caller, updated })
        {
            ApiAssert.Status(HttpStatusCode.OK, response);
            ApiAssert.HasNoToken(response, account.Token, app.Token);
        }

        Assert.Equal(JsonValueKind.Array, list.Json.ValueKind);
        Assert.Equal(2, list.Json.GetArrayLength());
        Assert.Contains("\"token_hint\"", list.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hint_is_the_first_six_characters_of_the_token()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"hinted"}""");

        var list = await host.Api.GetAsync("apps", account.Token);
        var read = await host.Api.GetAsync($"apps/{app.Id}", account.Token);
        var caller = await host.Api.GetAsync("account", app.Token);

        var hints = list.Json.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("token_hint").GetString());
        Assert.Equal(app.Token[..6], hints[app.Id]);
        Assert.Equal(account.Token[..6], hints[account.FirstAppId]);
        Assert.Equal(app.Token[..6], read.Json.GetProperty("token_hint").GetString());
        Assert.Equal(app.Token[..6], caller.Json.GetProperty("app").GetProperty("token_hint").GetString());
        Assert.Equal(6, app.Token[..6].Length);
    }

    [Fact]
    public async Task Every_app_gets_its_own_token()
    {
        var account = await host.CreateAccountAsync();

        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { account.Token };
        for (var i = 0; i < 5; i++)
        {
            Assert.True(tokens.Add((await host.Api.CreateAppAsync(account.Token, $$"""{"name":"app {{i}}"}""")).Token));
        }
    }
}
