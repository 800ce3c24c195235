using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Accounts;

public sealed class AdminManagesAccounts(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task Creating_an_account_returns_201_with_its_first_app_and_token()
    {
        var response = await host.Api.AdminAsync(HttpMethod.Post, "operator/accounts", """{"name":"  Acme Ltd  "}""");

        ApiAssert.Status(HttpStatusCode.Created, response);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.OrdinalIgnoreCase);
        var body = response.Json;
        Assert.Matches(ApiAssert.IdShape(), body.GetProperty("id").GetString());
        Assert.Equal("Acme Ltd", body.GetProperty("name").GetString());
        Assert.Matches(ApiAssert.WireDate(), body.GetProperty("created").GetString());
        var token = body.GetProperty("token").GetString();
        Assert.Matches(ApiAssert.TokenShape(), token);

        var app = body.GetProperty("app");
        Assert.Matches(ApiAssert.IdShape(), app.GetProperty("id").GetString());
        Assert.Equal(token, app.GetProperty("token").GetString());
        Assert.Equal(token![..6], app.GetProperty("token_hint").GetString());
        Assert.Equal(JsonValueKind.Array, app.GetProperty("allowed_ips").ValueKind);
        Assert.Equal(0, app.GetProperty("allowed_ips").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, app.GetProperty("expires").ValueKind);

        // The token opens that account at once.
        var caller = await host.Api.GetAsync("account", token);
        ApiAssert.Status(HttpStatusCode.OK, caller);
        Assert.Equal(body.GetProperty("id").GetString(), caller.Json.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(app.GetProperty("id").GetString(), caller.Json.GetProperty("app").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Two_accounts_get_different_ids_and_tokens()
    {
        var first = await host.CreateAccountAsync("one");
        var second = await host.CreateAccountAsync("two");

        Assert.NotEqual(first.AccountId, second.AccountId);
        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(first.FirstAppId, second.FirstAppId);
    }

    [Fact]
    public async Task A_created_account_can_be_read_by_id()
    {
        var account = await host.CreateAccountAsync("readable");

        var response = await host.Api.AdminAsync(HttpMethod.Get, $"operator/accounts/{account.AccountId}");

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(account.AccountId, response.Json.GetProperty("id").GetString());
        Assert.Equal("readable", response.Json.GetProperty("name").GetString());
        Assert.Matches(ApiAssert.WireDate(), response.Json.GetProperty("created").GetString());
        ApiAssert.HasNoToken(response, account.Token);
    }

    [Fact]
    public async Task The_account_list_is_a_bare_array_that_includes_a_new_account()
    {
        var account = await host.CreateAccountAsync("listed");

        var found = new List<JsonElement>();
        string? continuation = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var path = continuation is null ? "operator/accounts?Limit=100" : $"operator/accounts?Limit=100&Continuation={Uri.EscapeDataString(continuation)}";
            var response = await host.Api.AdminAsync(HttpMethod.Get, path);
            ApiAssert.Status(HttpStatusCode.OK, response);
            Assert.Equal(JsonValueKind.Array, response.Json.ValueKind);
            ApiAssert.HasNoToken(response, account.Token);
            found.AddRange(response.Json.EnumerateArray().Where(a => a.GetProperty("id").GetString() == account.AccountId));
            continuation = response.Header("X-Continuation");
            if (continuation is null)
            {
                break;
            }
        }

        var listed = Assert.Single(found);
        Assert.Equal("listed", listed.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_account_list_pages_with_limit_and_continuation()
    {
        await host.CreateAccountAsync("page filler 1");
        await host.CreateAccountAsync("page filler 2");

        var first = await host.Api.AdminAsync(HttpMethod.Get, "operator/accounts?Limit=1");
        ApiAssert.Status(HttpStatusCode.OK, first);
        Assert.Single(first.Json.EnumerateArray());
        var continuation = first.Header("X-Continuation");
        Assert.False(string.IsNullOrEmpty(continuation));

        var second = await host.Api.AdminAsync(HttpMethod.Get, $"operator/accounts?Limit=1&Continuation={Uri.EscapeDataString(continuation!)}");
        var byPage = await host.Api.AdminAsync(HttpMethod.Get, "operator/accounts?Limit=1&Page=2");
        ApiAssert.Status(HttpStatusCode.OK, second);
        ApiAssert.Status(HttpStatusCode.OK, byPage);
        var secondId = Assert.Single(second.Json.EnumerateArray()).GetProperty("id").GetString();
        Assert.NotEqual(first.Json[0].GetProperty("id").GetString(), secondId);
        Assert.Equal(secondId, Assert.Single(byPage.Json.EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("%23")]
    [InlineData("'")]
    public async Task An_unknown_or_malformed_account_id_is_404(string id)
    {
        var read = await host.Api.AdminAsync(HttpMethod.Get, $"operator/accounts/{id}");
        var issue = await host.Api.AdminAsync(HttpMethod.Post, $"operator/accounts/{id}/apps", """{"name":"x"}""");

        ApiAssert.Error(HttpStatusCode.NotFound, read);
        ApiAssert.Error(HttpStatusCode.NotFound, issue);
    }

    [Theory]
    [InlineData("""{"name": 5}""")]
    [InlineData("""{}""")]
    [InlineData("""{"name": null}""")]
    [InlineData("""{"name": "   "}""")]
    [InlineData("""{"name": ["a"]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"name": "x" """)]
    public async Task Creating_an_account_without_a_valid_name_is_400(string json)
    {
        var response = await host.Api.AdminAsync(HttpMethod.Post, "operator/accounts", json);

        ApiAssert.Error(HttpStatusCode.BadRequest, response);
    }

    [Fact]
    public async Task A_name_over_100_characters_is_400()
    {
        var response = await host.Api.AdminAsync(HttpMethod.Post, "operator/accounts", $$"""{"name":"{{new string('n', 101)}}"}""");

        var message = ApiAssert.Error(HttpStatusCode.BadRequest, response);
        Assert.Contains("name", message, StringComparison.Ordinal);
    }
}
