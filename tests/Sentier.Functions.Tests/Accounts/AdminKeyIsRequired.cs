using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Accounts;

public sealed class AdminKeyIsRequired(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    public static TheoryData<string, string, string?> AdminCalls => new()
    {
        { "POST", "operator/accounts", """{"name":"intruder"}""" },
        { "GET", "operator/accounts", null },
        { "GET", "operator/accounts/0123456789abcdef0123456789abcdef", null },
        { "POST", "operator/accounts/0123456789abcdef0123456789abcdef/apps", """{"name":"intruder"}""" },
    };

    [Theory]
    [MemberData(nameof(AdminCalls))]
    public async Task Without_the_header_admin_calls_get_401(string method, string path, string? json)
    {
        var response = await host.Api.AdminAsync(new HttpMethod(method), path, json, adminKey: null);

        ApiAssert.Error(HttpStatusCode.Unauthorized, response);
    }

    [Theory]
    [MemberData(nameof(AdminCalls))]
    public async Task With_a_wrong_key_admin_calls_get_401(string method, string path, string? json)
    {
        var response = await host.Api.AdminAsync(new HttpMethod(method), path, json, adminKey: "not-the-admin-key");

        ApiAssert.Error(HttpStatusCode.Unauthorized, response);
    }

    [Fact]
    public async Task A_key_that_differs_only_in_case_or_length_is_refused()
    {
        var upper = await host.Api.AdminAsync(HttpMethod.Get, "operator/accounts", adminKey: Sentier.Testing.DevHostServer.AdminKey.ToUpperInvariant());
        var longer = await host.Api.AdminAsync(HttpMethod.Get, "operator/accounts", adminKey: Sentier.Testing.DevHostServer.AdminKey + "x");

        ApiAssert.Error(HttpStatusCode.Unauthorized, upper);
        ApiAssert.Error(HttpStatusCode.Unauthorized, longer);
    }

    [Fact]
    public async Task An_api_token_is_not_an_admin_key()
    {
        var account = await host.CreateAccountAsync();

        var asKey = await host.Api.AdminAsync(HttpMethod.Get, "operator/accounts", adminKey: account.Token);
        var asToken = await host.Api.SendAsync(HttpMethod.Get, "operator/accounts", account.Token);

        ApiAssert.Error(HttpStatusCode.Unauthorized, asKey);
        ApiAssert.Error(HttpStatusCode.Unauthorized, asToken);
    }

    [Fact]
    public async Task The_admin_key_does_not_open_the_token_api()
    {
        var response = await host.Api.AdminAsync(HttpMethod.Get, "apps");

        ApiAssert.Error(HttpStatusCode.Unauthorized, response);
    }
}
