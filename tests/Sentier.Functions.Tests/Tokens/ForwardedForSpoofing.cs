using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>
/// X-Forwarded-For is believed only as far as the configured trusted proxies reach. The
/// addresses are header text only: every request goes to loopback.
/// </summary>
public sealed class ForwardedForSpoofing
{
    private const string Allowed = "203.0.113.7";
    private const string Other = "198.51.100.9";

    /// <summary>With no trusted proxy (the default) the header is ignored entirely.</summary>
    public sealed class WithoutTrustedProxies(DevHostFixture host) : IClassFixture<DevHostFixture>
    {
        [Theory]
        [InlineData(Allowed)]
        [InlineData(Allowed + ", " + Allowed)]
        [InlineData(Other + ", " + Allowed)]
        public async Task A_forged_header_does_not_pass_the_allow_list(string forwardedFor)
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "forwarded", Allowed);

            var response = await CallAsync(host.Api, app.Token, forwardedFor);

            var message = ApiAssert.Error(HttpStatusCode.Forbidden, response);
            Assert.Contains("127.0.0.1", message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_forged_header_does_not_lock_out_the_real_address()
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "loopback", "127.0.0.1");

            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, app.Token, Other));
        }
    }

    /// <summary>Behind one trusted proxy the client is the right-most entry, which that proxy appended.</summary>
    public sealed class BehindOneTrustedProxy(OneProxyDevHostFixture host) : IClassFixture<OneProxyDevHostFixture>
    {
        [Theory]
        [InlineData(Allowed, HttpStatusCode.OK)]
        [InlineData(Allowed + ", " + Other, HttpStatusCode.Forbidden)]
        [InlineData(Other + ", " + Allowed, HttpStatusCode.OK)]
        [InlineData(Allowed + ":5555", HttpStatusCode.OK)]
        [InlineData(Other + ":5555, " + Allowed + ":443", HttpStatusCode.OK)]
        [InlineData("not-an-address", HttpStatusCode.Forbidden)]
        [InlineData(Allowed + ", not-an-address", HttpStatusCode.Forbidden)]
        public async Task The_right_most_entry_decides(string forwardedFor, HttpStatusCode expected)
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "behind proxy", Allowed);

            var response = await CallAsync(host.Api, app.Token, forwardedFor);

            if (expected == HttpStatusCode.OK)
            {
                ApiAssert.Status(HttpStatusCode.OK, response);
                Assert.Equal(app.Id, response.Json.GetProperty("app").GetProperty("id").GetString());
            }
            else
            {
                ApiAssert.Error(expected, response);
            }
        }

        [Fact]
        public async Task Without_the_header_the_connection_address_decides()
        {
            var account = await host.CreateAccountAsync();
            var allowedOnly = await host.Api.CreateAppAsync(account.Token, "forwarded only", Allowed);
            var loopback = await host.Api.CreateAppAsync(account.Token, "loopback", "127.0.0.1");

            var message = ApiAssert.Error(HttpStatusCode.Forbidden, await CallAsync(host.Api, allowedOnly.Token, forwardedFor: null));
            Assert.Contains("127.0.0.1", message, StringComparison.Ordinal);
            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, loopback.Token, forwardedFor: null));
        }

        [Fact]
        public async Task Two_header_lines_count_as_one_list()
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "two lines", Allowed);

            var spoofedLeft = await host.Api.SendAsync(HttpMethod.Get, "account", app.Token, configure: request =>
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", new[] { Allowed, Other }));
            var proxiedRight = await host.Api.SendAsync(HttpMethod.Get, "account", app.Token, configure: request =>
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", new[] { Other, Allowed }));

            ApiAssert.Error(HttpStatusCode.Forbidden, spoofedLeft);
            ApiAssert.Status(HttpStatusCode.OK, proxiedRight);
        }

        [Fact]
        public async Task Tokens_without_an_allow_list_work_whatever_the_header()
        {
            var account = await host.CreateAccountAsync();

            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, account.Token, "not-an-address"));
            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, account.Token, Other));
        }
    }

    private static Task<ApiResponse> CallAsync(ApiClient api, string token, string? forwardedFor) =>
        api.SendAsync(HttpMethod.Get, "account", token, configure: request =>
        {
            if (forwardedFor is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
            }
        });
}
