using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>An app is revoked on its own, without touching the account's other apps.</summary>
public sealed class RevokingOneAppLeavesOthers(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task A_revoked_token_is_refused_at_once_while_the_others_still_work()
    {
        var account = await host.CreateAccountAsync();
        var doomed = await host.Api.CreateAppAsync(account.Token, """{"name":"doomed"}""");
        var sibling = await host.Api.CreateAppAsync(account.Token, """{"name":"sibling"}""");

        // Warm the token cache, so the revocation has to evict it.
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", doomed.Token));

        var revoke = await host.Api.DeleteAsync($"apps/{doomed.Id}", account.Token);

        ApiAssert.Status(HttpStatusCode.NoContent, revoke);
        Assert.Empty(revoke.Body);
        var message = ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", doomed.Token));
        Assert.DoesNotContain(doomed.Token, message, StringComparison.OrdinalIgnoreCase);
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("apps", doomed.Token));

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", account.Token));
        var siblingCall = await host.Api.GetAsync("account", sibling.Token);
        ApiAssert.Status(HttpStatusCode.OK, siblingCall);
        Assert.Equal(sibling.Id, siblingCall.Json.GetProperty("app").GetProperty("id").GetString());

        var remaining = (await host.Api.GetAsync("apps", account.Token)).Json.EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { account.FirstAppId, sibling.Id }, remaining);
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"apps/{doomed.Id}", account.Token));
    }

    /// <summary>
    /// A client repeating a revoke whose answer it lost hears success; the app stays gone for every
    /// other call, and an id the account never had (or another account's app) is 404.
    /// </summary>
    [Fact]
    public async Task Revoking_twice_succeeds_and_revoking_what_never_existed_is_404()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"once"}""");

        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"apps/{app.Id}", account.Token));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"apps/{app.Id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync($"apps/{app.Id}", """{"name":"back"}""", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"apps/{app.Id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync("apps/0123456789abcdef0123456789abcdef", account.Token));
        var other = await host.CreateAccountAsync();
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"apps/{app.Id}", other.Token));
    }

    [Fact]
    public async Task An_app_can_revoke_itself()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"self","scopes":["apps:manage"]}""");

        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"apps/{app.Id}", app.Token));

        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", app.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", account.Token));
    }
}
