using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>PUT /api/apps/{id} is partial: fields left out keep their value, an explicit null clears one.</summary>
public sealed class AppsCanBeEdited(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task Put_changes_name_allowed_ips_and_expires()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"before","description":"d"}""");

        var response = await host.Api.PutAsync(
            $"apps/{app.Id}", """{"name":"after","allowed_ips":"10.1.2.3, 192.168.0.0/16","expires":"2098-05-06T07:08:09"}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var read = await host.Api.GetAsync($"apps/{app.Id}", account.Token);
        foreach (var body in new[] { response.Json, read.Json })
        {
            Assert.Equal(app.Id, body.GetProperty("id").GetString());
            Assert.Equal("after", body.GetProperty("name").GetString());
            Assert.Equal("d", body.GetProperty("description").GetString());
            Assert.Equal(["10.1.2.3", "192.168.0.0/16"], body.GetProperty("allowed_ips").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("2098-05-06T07:08:09", body.GetProperty("expires").GetString());
            Assert.Equal(app.Token[..6], body.GetProperty("token_hint").GetString());
        }
    }

    [Fact]
    public async Task Omitted_fields_keep_their_values()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(
            account.Token, """{"name":"keep","description":"kept","allowed_ips":["127.0.0.1"],"expires":"2097-01-01T00:00:00"}""");

        var response = await host.Api.PutAsync($"apps/{app.Id}", """{"description":"changed"}""", account.Token);
        var empty = await host.Api.PutAsync($"apps/{app.Id}", "{}", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        ApiAssert.Status(HttpStatusCode.OK, empty);
        var body = (await host.Api.GetAsync($"apps/{app.Id}", account.Token)).Json;
        Assert.Equal("keep", body.GetProperty("name").GetString());
        Assert.Equal("changed", body.GetProperty("description").GetString());
        Assert.Equal(["127.0.0.1"], body.GetProperty("allowed_ips").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2097-01-01T00:00:00", body.GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Null_clears_description_allowed_ips_and_expires()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(
            account.Token, """{"name":"clear me","description":"x","allowed_ips":["10.0.0.0/8"],"expires":"2097-01-01T00:00:00"}""");
        ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync("account", app.Token));

        var response = await host.Api.PutAsync(
            $"apps/{app.Id}", """{"description":null,"allowed_ips":null,"expires":null}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var body = (await host.Api.GetAsync($"apps/{app.Id}", account.Token)).Json;
        Assert.Equal("clear me", body.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("description").ValueKind);
        Assert.Equal(0, body.GetProperty("allowed_ips").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("expires").ValueKind);

        // The cleared allow list applies at once on this host.
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", app.Token));
    }

    [Fact]
    public async Task A_new_allow_list_applies_to_the_next_request()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"tightened"}""");
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", app.Token));

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"apps/{app.Id}", """{"allowed_ips":["10.0.0.0/8"]}""", account.Token));

        ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync("account", app.Token));
    }

    [Fact]
    public async Task Null_name_and_past_expiry_are_refused_and_change_nothing()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"stable"}""");
        var past = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PutAsync($"apps/{app.Id}", """{"name":null}""", account.Token));
        ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PutAsync($"apps/{app.Id}", """{"name":""}""", account.Token));
        var message = ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PutAsync($"apps/{app.Id}", $$"""{"name":"x","expires":"{{past}}"}""", account.Token));
        Assert.Contains("expires", message, StringComparison.Ordinal);

        var body = (await host.Api.GetAsync($"apps/{app.Id}", account.Token)).Json;
        Assert.Equal("stable", body.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("expires").ValueKind);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", app.Token));
    }

    [Fact]
    public async Task Updating_an_unknown_app_is_404()
    {
        var account = await host.CreateAccountAsync();

        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync("apps/0123456789abcdef0123456789abcdef", """{"name":"x"}""", account.Token));
    }
}
