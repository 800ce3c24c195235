using System.Net;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Hosting;

/// <summary>The DevHost serves functions under host.json's <c>extensions.http.routePrefix</c>, not a fixed /api.</summary>
public sealed class RoutePrefixFromHostJsonIsServed
{
    [Fact]
    public async Task FunctionsMoveToThePrefix()
    {
        using var hostJson = new TempFile("""{ "version": "2.0", "extensions": { "http": { "routePrefix": "v1" } } }""");
        await using var server = await DevHostServer.StartAsync(null, hostJson.Path);

        using var prefixed = await server.Client.GetAsync(new Uri(server.BaseAddress, "/v1/health"));
        using var api = await server.Client.GetAsync(new Uri(server.BaseAddress, "/api/health"));

        Assert.Equal(HttpStatusCode.OK, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task AnEmptyPrefixServesAtTheRoot()
    {
        using var hostJson = new TempFile("""{ "version": "2.0", "extensions": { "http": { "routePrefix": "" } } }""");
        await using var server = await DevHostServer.StartAsync(null, hostJson.Path);

        using var response = await server.Client.GetAsync(new Uri(server.BaseAddress, "/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
