using System.Globalization;
using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

public sealed class ExpiredTokensAreRefused(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task A_token_works_until_its_expiry_and_is_401_after_it()
    {
        var account = await host.CreateAccountAsync();

        // The wire format has whole seconds: round now + 3 s up to the next second.
        var now = DateTimeOffset.UtcNow;
        var expires = new DateTimeOffset(now.AddSeconds(4).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var wire = expires.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var app = await host.Api.CreateAppAsync(account.Token, $$"""{"name":"short lived","expires":"{{wire}}"}""");
        Assert.Equal(wire, app.Body.GetProperty("expires").GetString());

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", app.Token));

        var wait = expires - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var message = ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", app.Token));
        Assert.Contains("expired", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(wire, message, StringComparison.Ordinal);

        // The account's other token is unaffected, and the expired app is still listed.
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"apps/{app.Id}", account.Token));
    }

    [Fact]
    public async Task Expiry_in_the_past_is_refused_on_create_and_update()
    {
        var account = await host.CreateAccountAsync();
        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"no expiry"}""");
        var past = DateTime.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

        var create = ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PostAsync("apps", $$"""{"name":"x","expires":"{{past}}"}""", account.Token));
        var update = ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PutAsync($"apps/{app.Id}", $$"""{"expires":"{{past}}"}""", account.Token));

        Assert.Contains("expires", create, StringComparison.Ordinal);
        Assert.Contains("expires", update, StringComparison.Ordinal);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", app.Token));
    }

    [Fact]
    public async Task Expiry_can_be_sent_with_an_offset_and_is_shown_in_utc()
    {
        var account = await host.CreateAccountAsync();

        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"offset","expires":"2099-06-01T12:00:00+02:00"}""");

        Assert.Equal("2099-06-01T10:00:00", app.Body.GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Expiry_with_fractions_and_a_plus_three_offset_is_shown_as_the_utc_second()
    {
        var account = await host.CreateAccountAsync();

        var app = await host.Api.CreateAppAsync(account.Token, """{"name":"fractions","expires":"2099-06-01T01:30:05.9876543+03:00"}""");
        var read = await host.Api.GetAsync($"apps/{app.Id}", account.Token);

        Assert.Equal("2099-05-31T22:30:05", app.Body.GetProperty("expires").GetString());
        ApiAssert.Status(HttpStatusCode.OK, read);
        Assert.Equal("2099-05-31T22:30:05", read.Json.GetProperty("expires").GetString());
        Assert.Matches(ApiAssert.WireDate(), read.Json.GetProperty("created").GetString());
    }
}
