using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>
/// In Azure a request reaches the worker from the Functions host, which passes on the platform front
/// end's <c>X-Forwarded-For</c>: whatever the client wrote, then the address the platform saw. The
/// worker's forwarded-headers step, which the DevHost runs too, makes that right-most entry the
/// connection address and removes it; <c>Sentier__TrustedProxyHops</c> counts only the proxies in
/// front of the platform. Test clients connect over loopback, where the host's proxy stands, so the
/// header a test sends is the header as the platform forwards it. The addresses are header text only.
/// </summary>
public sealed class ForwardedForSpoofing
{
    private const string Allowed = "203.0.113.7";
    private const string Client = "198.51.100.9";
    private const string FrontDoor = "192.0.2.44";

    /// <summary>As deployed without a front proxy (hops 0): the address the platform saw decides.</summary>
    public sealed class AsDeployed(DeployedDevHostFixture host) : IClassFixture<DeployedDevHostFixture>
    {
        [Theory]
        [InlineData(Allowed + ", " + Client)]
        [InlineData(Allowed + ", " + Allowed + ", " + Client)]
        [InlineData(Allowed + ":443, " + Client + ":5555")]
        public async Task A_forged_entry_does_not_pass_the_allow_list(string forwardedFor)
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "forwarded", Allowed);

            var response = await CallAsync(host.Api, app.Token, forwardedFor);

            var message = ApiAssert.Error(HttpStatusCode.Forbidden, response);
            Assert.Contains(Client, message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_address_the_platform_saw_passes_whatever_the_client_wrote()
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "client", Client);

            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, app.Token, Client));
            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, app.Token, Allowed + ", " + Client));
        }

        [Fact]
        public async Task Two_header_lines_count_as_one_list()
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "two lines", Allowed);

            var forged = await host.Api.SendAsync(HttpMethod.Get, "account", app.Token, configure: request =>
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", new[] { Allowed, Client }));
            var genuine = await host.Api.SendAsync(HttpMethod.Get, "account", app.Token, configure: request =>
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", new[] { Client, Allowed }));

            ApiAssert.Error(HttpStatusCode.Forbidden, forged);
            ApiAssert.Status(HttpStatusCode.OK, genuine);
        }

        [Fact]
        public async Task Without_a_usable_forwarded_address_the_connection_address_decides()
        {
            var account = await host.CreateAccountAsync();
            var allowedOnly = await host.Api.CreateAppAsync(account.Token, "forwarded only", Allowed);
            var loopback = await host.Api.CreateAppAsync(account.Token, "loopback", "127.0.0.1");

            foreach (var forwardedFor in new[] { null, "not-an-address", Allowed + ", not-an-address" })
            {
                var message = ApiAssert.Error(HttpStatusCode.Forbidden, await CallAsync(host.Api, allowedOnly.Token, forwardedFor));
                Assert.Contains("127.0.0.1", message, StringComparison.Ordinal);
                ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, loopback.Token, forwardedFor));
            }
        }
    }

    /// <summary>
    /// Behind Azure Front Door with the lock on (hops 1): Front Door appends the client, the platform
    /// appends Front Door.
    /// </summary>
    public sealed class BehindFrontDoor(FrontDoorDevHostFixture host) : IClassFixture<FrontDoorDevHostFixture>
    {
        [Theory]
        [InlineData(Client + ", " + FrontDoor)]
        [InlineData(Allowed + ", " + Client + ", " + FrontDoor)]
        [InlineData(Allowed + ":80, " + Client + ":5555, " + FrontDoor + ":443")]
        public async Task The_entry_front_door_appended_decides(string forwardedFor)
        {
            var account = await host.CreateAccountAsync();
            var client = await host.Api.CreateAppAsync(account.Token, "client", Client);
            var forged = await host.Api.CreateAppAsync(account.Token, "forged", Allowed);

            var response = await CallAsync(host.Api, client.Token, forwardedFor);
            ApiAssert.Status(HttpStatusCode.OK, response);
            Assert.Equal(client.Id, response.Json.GetProperty("app").GetProperty("id").GetString());

            var message = ApiAssert.Error(HttpStatusCode.Forbidden, await CallAsync(host.Api, forged.Token, forwardedFor));
            Assert.Contains(Client, message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_unreadable_client_entry_is_refused()
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "unreadable", Allowed);

            ApiAssert.Error(HttpStatusCode.Forbidden, await CallAsync(host.Api, app.Token, Allowed + ", not-an-address, " + FrontDoor));
        }

        /// <summary>
        /// Why the hop count needs the Front Door lock: a caller that skips Front Door and reaches the
        /// platform directly writes the entry the app then believes (docs/operations.md).
        /// </summary>
        [Fact]
        public async Task Without_the_lock_a_caller_that_skips_front_door_chooses_its_address()
        {
            var account = await host.CreateAccountAsync();
            var app = await host.Api.CreateAppAsync(account.Token, "spoofable", Allowed);

            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, app.Token, Allowed + ", " + Client));
        }

        [Fact]
        public async Task Tokens_without_an_allow_list_work_whatever_the_header()
        {
            var account = await host.CreateAccountAsync();

            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, account.Token, "not-an-address"));
            ApiAssert.Status(HttpStatusCode.OK, await CallAsync(host.Api, account.Token, Allowed + ", " + Client + ", " + FrontDoor));
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
