using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>
/// An app's allowed_ips against the connection's address (the DevHost trusts no proxy by
/// default). The allow lists name other ranges, but every request goes to loopback only.
/// </summary>
public sealed class IpRestrictions(DevHostFixture host) : IClassFixture<DevHostFixture>, IAsyncLifetime
{
    private TestAccount _account = null!;
    private HttpClient _ipv6Http = null!;

    /// <summary>The same DevHost, reached over IPv6 loopback.</summary>
    private ApiClient _overIpv6 = null!;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("ip restricted");
        _ipv6Http = host.Server.CreateClient(host.Server.Ipv6BaseAddress ?? throw new InvalidOperationException("The DevHost did not listen on [::1]."));
        _overIpv6 = new ApiClient(_ipv6Http);
    }

    public Task DisposeAsync()
    {
        _ipv6Http.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.0/8")]
    [InlineData("127.0.0.1/32")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.0/8", "127.0.0.1")]
    public async Task An_allow_list_containing_the_loopback_address_admits_it(params string[] allowed)
    {
        var app = await host.Api.CreateAppAsync(_account.Token, "allowed", allowed);

        var response = await host.Api.GetAsync("account", app.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(app.Id, response.Json.GetProperty("app").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    public async Task An_allow_list_without_the_address_is_403(string allowed)
    {
        var app = await host.Api.CreateAppAsync(_account.Token, "elsewhere", allowed);

        var message = ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync("account", app.Token));
        ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync("apps", app.Token));

        Assert.Contains("127.0.0.1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ipv6_loopback_is_admitted_only_over_ipv6()
    {
        var app = await host.Api.CreateAppAsync(_account.Token, "ipv6 only", "::1");

        ApiAssert.Status(HttpStatusCode.OK, await _overIpv6.GetAsync("account", app.Token));
        ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync("account", app.Token));
    }

    [Fact]
    public async Task An_ipv6_range_without_the_address_is_403_over_ipv6()
    {
        var app = await host.Api.CreateAppAsync(_account.Token, "documentation range", "2001:db8::/32");

        ApiAssert.Error(HttpStatusCode.Forbidden, await _overIpv6.GetAsync("account", app.Token));
    }

    [Fact]
    public async Task An_ipv4_list_refuses_ipv6_loopback()
    {
        var app = await host.Api.CreateAppAsync(_account.Token, "v4 only", "127.0.0.0/8");

        ApiAssert.Error(HttpStatusCode.Forbidden, await _overIpv6.GetAsync("account", app.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", app.Token));
    }

    [Fact]
    public async Task No_allow_list_admits_both_address_families()
    {
        ApiAssert.Status(HttpStatusCode.OK, await _overIpv6.GetAsync("account", _account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", _account.Token));
    }

    [Fact]
    public async Task A_comma_separated_string_is_an_allow_list()
    {
        var admitted = await host.Api.CreateAppAsync(_account.Token, """{"name":"csv","allowed_ips":"10.0.0.0/8, 127.0.0.1,::1"}""");
        var refused = await host.Api.CreateAppAsync(_account.Token, """{"name":"csv refused","allowed_ips":"10.0.0.0/8,192.168.1.1"}""");

        Assert.Equal(["10.0.0.0/8", "127.0.0.1", "::1"], admitted.Body.GetProperty("allowed_ips").EnumerateArray().Select(e => e.GetString()));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", admitted.Token));
        ApiAssert.Error(HttpStatusCode.Forbidden, await host.Api.GetAsync("account", refused.Token));
    }

    [Fact]
    public async Task Entries_are_shown_in_canonical_form()
    {
        var app = await host.Api.CreateAppAsync(_account.Token, "canonical", "10.1.2.3/8", "2001:0DB8::0001", "127.0.0.1", "127.0.0.1");

        Assert.Equal(["10.0.0.0/8", "2001:db8::1", "127.0.0.1"], app.Body.GetProperty("allowed_ips").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""["not an ip"]""")]
    [InlineData("""["10.0.0.0/33"]""")]
    [InlineData("""["300.1.1.1"]""")]
    [InlineData("""["127.0.0.1", "nope"]""")]
    [InlineData("""["fe80::1%1"]""")]
    [InlineData("\"127.0.0.1, banana\"")]
    public async Task An_invalid_entry_is_400(string allowedIps)
    {
        var response = await host.Api.PostAsync("apps", $$"""{"name":"bad ips","allowed_ips":{{allowedIps}}}""", _account.Token);

        var message = ApiAssert.Error(HttpStatusCode.BadRequest, response);
        Assert.Contains("allowed_ips", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_entry_on_update_is_400_and_keeps_the_list()
    {
        var app = await host.Api.CreateAppAsync(_account.Token, "kept list", "127.0.0.1");

        ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PutAsync($"apps/{app.Id}", """{"allowed_ips":["x"]}""", _account.Token));

        var read = await host.Api.GetAsync($"apps/{app.Id}", _account.Token);
        Assert.Equal(["127.0.0.1"], read.Json.GetProperty("allowed_ips").EnumerateArray().Select(e => e.GetString()));
    }
}
