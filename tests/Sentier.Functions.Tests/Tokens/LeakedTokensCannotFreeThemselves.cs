using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>
/// What an attacker with a leaked partner token tries: lifting its own IP and expiry limits, issuing
/// itself a wider token, revoking the last app that can manage apps. Each is refused over HTTP with
/// a <c>{"Message"}</c>, and the apps are as they were.
/// </summary>
public sealed class LeakedTokensCannotFreeThemselves(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task A_token_without_apps_manage_cannot_touch_any_app()
    {
        var account = await host.CreateAccountAsync();
        var leaked = await host.Api.CreateAppAsync(account.Token, """{"name":"partner","expires":"2099-01-01T00:00:00"}""");

        foreach (var response in new[]
        {
            await host.Api.PutAsync($"apps/{leaked.Id}", """{"expires":null}""", leaked.Token),
            await host.Api.PostAsync("apps", """{"name":"forever"}""", leaked.Token),
            await host.Api.DeleteAsync($"apps/{account.FirstAppId}", leaked.Token),
        })
        {
            Assert.Contains("'apps:manage'", ApiAssert.Error(HttpStatusCode.Forbidden, response), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await host.Api.GetAsync("apps", account.Token)).Json.GetArrayLength());
        Assert.Equal("2099-01-01T00:00:00", (await host.Api.GetAsync($"apps/{leaked.Id}", account.Token)).Json.GetProperty("expires").GetString());
    }

    [Fact]
    public async Task A_managing_token_cannot_lift_its_own_limits_nor_grant_what_it_lacks()
    {
        var account = await host.CreateAccountAsync();
        var leaked = await host.Api.CreateAppAsync(
            account.Token, """{"name":"partner","allowed_ips":["127.0.0.0/8"],"expires":"2099-01-01T00:00:00","scopes":["apps:manage","contacts:read"]}""");

        foreach (var changes in new[] { """{"allowed_ips":null}""", """{"expires":null}""", """{"scopes":["apps:manage","contacts:read","contacts:write"]}""" })
        {
            var response = await host.Api.PutAsync($"apps/{leaked.Id}", changes, leaked.Token);
            Assert.Contains("own", ApiAssert.Error(HttpStatusCode.Forbidden, response), StringComparison.Ordinal);
        }

        var wider = await host.Api.PostAsync("apps", JsonSerializer.Serialize(new { name = "wider", scopes = WireScopes.All }), leaked.Token);
        var message = ApiAssert.Error(HttpStatusCode.Forbidden, wider);
        Assert.Contains("'contacts:write'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'contacts:read'", message, StringComparison.Ordinal);

        var renamed = await host.Api.PutAsync($"apps/{leaked.Id}", """{"name":"renamed"}""", leaked.Token);
        ApiAssert.Status(HttpStatusCode.OK, renamed);
        var stored = (await host.Api.GetAsync($"apps/{leaked.Id}", account.Token)).Json;
        Assert.Equal("renamed", stored.GetProperty("name").GetString());
        Assert.Equal(["127.0.0.0/8"], stored.GetProperty("allowed_ips").EnumerateArray().Select(ip => ip.GetString()));
        Assert.Equal("2099-01-01T00:00:00", stored.GetProperty("expires").GetString());
        Assert.Equal(["contacts:read", "apps:manage"], WireScopes.Of(stored));
        Assert.Equal(2, (await host.Api.GetAsync("apps", account.Token)).Json.GetArrayLength());
    }

    [Fact]
    public async Task The_last_app_that_can_manage_apps_cannot_be_revoked()
    {
        var account = await host.CreateAccountAsync();
        await host.Api.CreateAppAsync(account.Token, """{"name":"contacts only"}""");

        var revoke = await host.Api.DeleteAsync($"apps/{account.FirstAppId}", account.Token);

        Assert.Contains("'apps:manage'", ApiAssert.Error(HttpStatusCode.Conflict, revoke), StringComparison.Ordinal);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", account.Token));

        var peer = await host.Api.CreateAppAsync(account.Token, """{"name":"peer","scopes":["apps:manage"]}""");
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"apps/{account.FirstAppId}", peer.Token));
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", account.Token));
    }
}
