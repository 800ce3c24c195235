using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary><c>GET /api</c> answers where the reference, the document and the health check are, each of which answers.</summary>
public sealed class TheIndexPointsToTheReference(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Theory]
    [InlineData("/api")]
    [InlineData("/api/")]
    public async Task The_index_lists_addresses_that_answer(string path)
    {
        var index = await host.Api.GetAsync(path);

        ApiAssert.Status(HttpStatusCode.OK, index);
        Assert.Equal(["reference", "openapi", "health"], index.Json.EnumerateObject().Select(property => property.Name));
        Assert.Equal("/api/docs", index.Json.GetProperty("reference").GetString());
        foreach (var property in index.Json.EnumerateObject())
        {
            ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync(property.Value.GetString()!));
        }
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Another_method_is_405(string method)
    {
        ApiAssert.Error(HttpStatusCode.MethodNotAllowed, await host.Api.SendAsync(new HttpMethod(method), "/api"));
    }
}
