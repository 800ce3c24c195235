using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>Every app response carries <c>scopes</c>, and <c>GET /api/account</c> shows the calling app's.</summary>
public sealed class AppsShowTheirScopes(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task The_first_app_holds_every_scope_and_a_new_one_the_default()
    {
        var account = await host.CreateAccountAsync();

        var created = await host.Api.CreateAppAsync(account.Token, """{"name":"CRM"}""");

        Assert.Equal(WireScopes.Default, WireScopes.Of(created.Body));
        Assert.Equal(WireScopes.Default, WireScopes.Of((await host.Api.GetAsync($"apps/{created.Id}", account.Token)).Json));
        var listed = (await host.Api.GetAsync("apps", account.Token)).Json.EnumerateArray().ToDictionary(app => app.GetProperty("id").GetString()!, WireScopes.Of);
        Assert.Equal(WireScopes.All, listed[account.FirstAppId]);
        Assert.Equal(WireScopes.Default, listed[created.Id]);
    }

    [Fact]
    public async Task Account_shows_the_calling_apps_scopes()
    {
        var account = await host.CreateAccountAsync();
        var reader = await host.Api.CreateAppAsync(account.Token, """{"name":"reader","scopes":["contacts:read"]}""");
        var nothing = await host.Api.CreateAppAsync(account.Token, """{"name":"ping","scopes":[]}""");

        var asFirst = await host.Api.GetAsync("account", account.Token);
        var asReader = await host.Api.GetAsync("account", reader.Token);
        var asNothing = await host.Api.GetAsync("account", nothing.Token);

        Assert.Equal(WireScopes.All, WireScopes.Of(asFirst.Json.GetProperty("app")));
        Assert.Equal(["contacts:read"], WireScopes.Of(asReader.Json.GetProperty("app")));
        Assert.Empty(WireScopes.Of(asNothing.Json.GetProperty("app")));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account/balance", nothing.Token));
    }

    [Fact]
    public async Task Named_scopes_are_kept_in_canonical_order_and_unknown_ones_refused_by_name()
    {
        var account = await host.CreateAccountAsync();

        var created = await host.Api.CreateAppAsync(account.Token, """{"name":"hooks","scopes":["webhooks:write","contacts:read","webhooks:write"]}""");
        var unknown = await host.Api.PostAsync("apps", """{"name":"bad","scopes":["contacts:read","contacts:admin"]}""", account.Token);

        Assert.Equal(["contacts:read", "webhooks:write"], WireScopes.Of(created.Body));
        Assert.Contains("'contacts:admin'", ApiAssert.Error(HttpStatusCode.BadRequest, unknown), StringComparison.Ordinal);
        Assert.Equal(2, (await host.Api.GetAsync("apps", account.Token)).Json.GetArrayLength());
    }

    [Fact]
    public async Task A_missing_scope_is_403_naming_it_and_writes_nothing()
    {
        var account = await host.CreateAccountAsync();
        var reader = await host.Api.CreateAppAsync(account.Token, """{"name":"reader","scopes":["contacts:read"]}""");
        var before = await host.Api.SnapshotAsync(account.Token);

        var write = await host.Api.PostAsync("contacts", """{"email":"denied@example.com"}""", reader.Token);
        var apps = await host.Api.GetAsync("apps", reader.Token);

        Assert.Contains("'contacts:write'", ApiAssert.Error(HttpStatusCode.Forbidden, write), StringComparison.Ordinal);
        Assert.Contains("'apps:manage'", ApiAssert.Error(HttpStatusCode.Forbidden, apps), StringComparison.Ordinal);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("contacts", reader.Token));
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }
}
