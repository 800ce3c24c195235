using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Accounts;

/// <summary>
/// An account that lost the token of its only app that can manage apps (which the API will not
/// revoke) gets back in through an app the operator issues, which holds every scope.
/// </summary>
public sealed class AdminRecoversLostAccess(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task An_admin_issued_app_opens_the_account_again_and_can_revoke_the_lost_one()
    {
        var account = await host.CreateAccountAsync("locked out");

        var issued = await host.Api.AdminAsync(
            HttpMethod.Post, $"operator/accounts/{account.AccountId}/apps", """{"name":"Recovery","description":"issued by the operator"}""");

        ApiAssert.Status(HttpStatusCode.Created, issued);
        var app = CreatedApp.From(issued);
        Assert.Matches(ApiAssert.TokenShape(), app.Token);
        Assert.Equal("Recovery", issued.Json.GetProperty("name").GetString());
        Assert.Equal("issued by the operator", issued.Json.GetProperty("description").GetString());

        Assert.Equal(WireScopes.All, WireScopes.Of(issued.Json));

        var caller = await host.Api.GetAsync("account", app.Token);
        ApiAssert.Status(HttpStatusCode.OK, caller);
        Assert.Equal(account.AccountId, caller.Json.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(app.Id, caller.Json.GetProperty("app").GetProperty("id").GetString());

        // With another app that can manage apps, the lost one may now go.
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"apps/{account.FirstAppId}", app.Token));
        var apps = await host.Api.GetAsync("apps", app.Token);
        ApiAssert.Status(HttpStatusCode.OK, apps);
        Assert.Equal(app.Id, Assert.Single(apps.Json.EnumerateArray()).GetProperty("id").GetString());
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", account.Token));
    }

    [Fact]
    public async Task The_operator_may_name_narrower_scopes_but_not_unknown_ones()
    {
        var account = await host.CreateAccountAsync();

        var issued = await host.Api.AdminAsync(
            HttpMethod.Post, $"operator/accounts/{account.AccountId}/apps", """{"name":"Reader","scopes":["contacts:read"]}""");
        ApiAssert.Status(HttpStatusCode.Created, issued);
        Assert.Equal(["contacts:read"], WireScopes.Of(issued.Json));

        var message = ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.AdminAsync(
            HttpMethod.Post, $"operator/accounts/{account.AccountId}/apps", """{"name":"x","scopes":["contacts:read","everything"]}"""));
        Assert.Contains("'everything'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_issued_app_is_validated_like_any_other()
    {
        var account = await host.CreateAccountAsync();

        ApiAssert.Error(HttpStatusCode.BadRequest,
            await host.Api.AdminAsync(HttpMethod.Post, $"operator/accounts/{account.AccountId}/apps", """{"name":5}"""));
        ApiAssert.Error(HttpStatusCode.BadRequest,
            await host.Api.AdminAsync(HttpMethod.Post, $"operator/accounts/{account.AccountId}/apps", """{"name":"x","allowed_ips":["nope"]}"""));
        ApiAssert.Error(HttpStatusCode.BadRequest,
            await host.Api.AdminAsync(HttpMethod.Post, $"operator/accounts/{account.AccountId}/apps", """{"name":"x","expires":"2001-01-01T00:00:00"}"""));
    }

    [Fact]
    public async Task The_admin_issued_app_keeps_its_allow_list()
    {
        var account = await host.CreateAccountAsync();

        var issued = await host.Api.AdminAsync(
            HttpMethod.Post, $"operator/accounts/{account.AccountId}/apps", """{"name":"Office only","allowed_ips":["10.0.0.0/8"]}""");

        ApiAssert.Status(HttpStatusCode.Created, issued);
        ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync("account", CreatedApp.From(issued).Token));
    }
}
