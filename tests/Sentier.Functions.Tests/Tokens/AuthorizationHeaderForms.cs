using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>The token is accepted raw, after "Basic " (not base64) and after "Bearer ", in any case of the scheme.</summary>
public sealed class AuthorizationHeaderForms(DevHostFixture host) : IClassFixture<DevHostFixture>, IAsyncLifetime
{
    private TestAccount _account = null!;

    public async Task InitializeAsync() => _account = await host.CreateAccountAsync("header forms");

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("{0}")]
    [InlineData("Basic {0}")]
    [InlineData("Bearer {0}")]
    [InlineData("basic {0}")]
    [InlineData("bearer {0}")]
    [InlineData("BEARER {0}")]
    [InlineData("  Bearer   {0}  ")]
    public async Task Accepted_forms_identify_the_account_and_app(string form)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, _account.Token);

        var response = await host.Api.GetAsync("account", header);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(_account.AccountId, response.Json.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal("header forms", response.Json.GetProperty("account").GetProperty("name").GetString());
        Assert.Equal(_account.FirstAppId, response.Json.GetProperty("app").GetProperty("id").GetString());
        ApiAssert.HasNoToken(response, _account.Token);
    }

    [Fact]
    public async Task A_lower_cased_token_is_the_same_token()
    {
        var response = await host.Api.GetAsync("account", _account.Token.ToLowerInvariant());

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(_account.AccountId, response.Json.GetProperty("account").GetProperty("id").GetString());
    }

    [Fact]
    public async Task No_header_is_401()
    {
        var message = ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account"));

        Assert.Contains("Authorization", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("bearer")]
    [InlineData("Basic")]
    [InlineData("BASIC  ")]
    [InlineData("Bearer\t")]
    public async Task A_scheme_without_a_token_is_401_asking_for_a_token(string header)
    {
        var message = ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", header));

        Assert.Contains("Send an API app token", message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer\t{0}")]
    [InlineData("  Basic    {0}  ")]
    [InlineData("Basic\t \t{0}")]
    public async Task Tabs_and_runs_of_spaces_around_the_scheme_are_accepted(string form)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, _account.Token);

        var response = await host.Api.GetAsync("account", header);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(_account.AccountId, response.Json.GetProperty("account").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("garbage")]
    [InlineData("Basic Z2FyYmFnZTpnYXJiYWdl")]
    [InlineData("0X1234")]
    public async Task Garbage_is_401(string header)
    {
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", header));
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("apps", header));
    }

    [Fact]
    public async Task An_unknown_token_of_the_right_shape_is_401()
    {
        var unknown = "0X" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

        var message = ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", unknown));

        Assert.DoesNotContain(unknown, message, StringComparison.OrdinalIgnoreCase);
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", "Bearer " + unknown));
    }

    [Fact]
    public async Task A_token_with_one_character_changed_is_401()
    {
        var last = _account.Token[^1];
        var altered = _account.Token[..^1] + (last == 'A' ? 'B' : 'A');
        var alteredInside = _account.Token[..10] + (_account.Token[10] == '0' ? '1' : '0') + _account.Token[11..];

        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", altered));
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", "Bearer " + alteredInside));
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", _account.Token + "0"));
        ApiAssert.Error(HttpStatusCode.Unauthorized, await host.Api.GetAsync("account", _account.Token[..^1]));

        // The real token is unaffected by the failed attempts.
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", _account.Token));
    }
}
