using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Http;

/// <summary>Routes nobody serves are 404 and known routes called with another method are 405, both in the JSON error shape.</summary>
public sealed class UnmatchedRoutesGetJsonErrors(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Theory]
    [InlineData("GET", "nope")]
    [InlineData("GET", "apps/0123456789abcdef0123456789abcdef/extra")]
    [InlineData("POST", "nope/deeper")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/apps")]
    [InlineData("GET", "admin")]
    [InlineData("POST", "admin/accounts")]
    [InlineData("GET", "operator")]
    [InlineData("DELETE", "accounts")]
    public async Task An_unknown_route_is_404_json(string method, string path)
    {
        var account = await host.CreateAccountAsync();

        var response = await host.Api.SendAsync(new HttpMethod(method), path, account.Token);

        ApiAssert.Error(HttpStatusCode.NotFound, response);
    }

    [Theory]
    [InlineData("PATCH", "apps")]
    [InlineData("DELETE", "apps")]
    [InlineData("PUT", "apps")]
    [InlineData("PATCH", "apps/0123456789abcdef0123456789abcdef")]
    [InlineData("POST", "apps/0123456789abcdef0123456789abcdef")]
    [InlineData("POST", "account")]
    [InlineData("DELETE", "account")]
    [InlineData("POST", "health")]
    [InlineData("DELETE", "health/ready")]
    [InlineData("PUT", "operator/accounts")]
    [InlineData("DELETE", "operator/accounts/0123456789abcdef0123456789abcdef")]
    public async Task A_wrong_method_on_a_known_route_is_405_json(string method, string path)
    {
        var account = await host.CreateAccountAsync();

        var response = await host.Api.SendAsync(new HttpMethod(method), path, account.Token, ApiClient.Json("""{"name":"x"}"""));

        var message = ApiAssert.Error(HttpStatusCode.MethodNotAllowed, response);
        Assert.Contains(method, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_needs_no_credentials_to_be_404()
    {
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync("does-not-exist"));
    }
}
