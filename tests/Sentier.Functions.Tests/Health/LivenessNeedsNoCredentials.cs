using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Health;

public sealed class LivenessNeedsNoCredentials(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task Health_answers_ok_to_an_anonymous_caller()
    {
        var response = await host.Api.GetAsync("health");

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("""{"status":"ok"}""", response.Body);
    }

    [Fact]
    public async Task Health_ignores_a_bad_token()
    {
        var response = await host.Api.GetAsync("health", "Bearer not-a-token");

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("ok", response.Json.GetProperty("status").GetString());
    }
}
