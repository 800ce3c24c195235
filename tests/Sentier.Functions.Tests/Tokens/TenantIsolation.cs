using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>A token sees its own account only; another account's app ids behave as if they did not exist.</summary>
public sealed class TenantIsolation(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task One_account_cannot_see_or_touch_another_accounts_apps()
    {
        var a = await host.CreateAccountAsync("tenant A");
        var b = await host.CreateAccountAsync("tenant B");
        var aExtra = await host.Api.CreateAppAsync(a.Token, """{"name":"A extra"}""");
        var bExtra = await host.Api.CreateAppAsync(b.Token, """{"name":"B extra","description":"b's"}""");

        var list = await host.Api.GetAsync("apps", a.Token);
        ApiAssert.Status(HttpStatusCode.OK, list);
        Assert.Equal(
            new HashSet<string?> { a.FirstAppId, aExtra.Id },
            list.Json.EnumerateArray().Select(app => app.GetProperty("id").GetString()).ToHashSet());

        foreach (var id in new[] { bExtra.Id, b.FirstAppId })
        {
            var read = ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"apps/{id}", a.Token));
            ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync($"apps/{id}", """{"name":"hijacked","allowed_ips":["10.0.0.0/8"]}""", a.Token));
            ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"apps/{id}", a.Token));
            Assert.DoesNotContain("tenant B", read, StringComparison.Ordinal);
        }

        // B's app is unchanged and still works.
        var bRead = await host.Api.GetAsync($"apps/{bExtra.Id}", b.Token);
        ApiAssert.Status(HttpStatusCode.OK, bRead);
        Assert.Equal("B extra", bRead.Json.GetProperty("name").GetString());
        Assert.Equal("b's", bRead.Json.GetProperty("description").GetString());
        Assert.Equal(0, bRead.Json.GetProperty("allowed_ips").GetArrayLength());
        var bCaller = await host.Api.GetAsync("account", bExtra.Token);
        ApiAssert.Status(HttpStatusCode.OK, bCaller);
        Assert.Equal(b.AccountId, bCaller.Json.GetProperty("account").GetProperty("id").GetString());
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", b.Token));
        Assert.Equal(2, (await host.Api.GetAsync("apps", b.Token)).Json.GetArrayLength());

        // A's token still says A.
        var aCaller = await host.Api.GetAsync("account", a.Token);
        Assert.Equal(a.AccountId, aCaller.Json.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal("tenant A", aCaller.Json.GetProperty("account").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_continuation_from_one_account_does_not_open_another()
    {
        var a = await host.CreateAccountAsync("paging A");
        var b = await host.CreateAccountAsync("paging B");
        await host.Api.CreateAppAsync(a.Token, """{"name":"A 2"}""");
        await host.Api.CreateAppAsync(b.Token, """{"name":"B 2"}""");
        await host.Api.CreateAppAsync(b.Token, """{"name":"B 3"}""");
        var bFirst = await host.Api.GetAsync("apps?Limit=1", b.Token);
        var continuation = bFirst.Header("X-Continuation");
        Assert.NotNull(continuation);

        var response = await host.Api.GetAsync($"apps?Limit=100&Continuation={Uri.EscapeDataString(continuation)}", a.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var aIds = (await host.Api.GetAsync("apps", a.Token)).Json.EnumerateArray().Select(app => app.GetProperty("id").GetString()).ToHashSet();
        Assert.All(response.Json.EnumerateArray(), app => Assert.Contains(app.GetProperty("id").GetString(), aIds));
    }
}
