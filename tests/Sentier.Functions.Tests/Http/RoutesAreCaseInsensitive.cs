using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Http;

public sealed class RoutesAreCaseInsensitive(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Theory]
    [InlineData("APPS")]
    [InlineData("Apps")]
    [InlineData("Account")]
    [InlineData("ACCOUNT")]
    [InlineData("/API/apps")]
    [InlineData("/Api/Account")]
    public async Task Token_routes_match_in_any_case(string path)
    {
        var account = await host.CreateAccountAsync();

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync(path, account.Token));
    }

    [Fact]
    public async Task Item_and_operator_routes_match_in_any_case()
    {
        var account = await host.CreateAccountAsync();

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"Apps/{account.FirstAppId}", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.AdminAsync(HttpMethod.Get, $"Operator/Accounts/{account.AccountId}"));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("HEALTH"));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("Health/Ready"));
    }
}
