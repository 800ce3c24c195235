using System.Net;
using System.Text.Json;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Http;

/// <summary>A route parameter such as <c>{id}</c> is passed to the function parameter of that name.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class RouteParametersBindByName
{
    [Fact]
    public async Task IdReachesTheFunction()
    {
        await using var host = await SampleHost.StartAsync();

        using var response = await host.Server.Client.GetAsync("samples/abc-123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("abc-123", body.RootElement.GetProperty("id").GetString());
        Assert.Equal("GET", body.RootElement.GetProperty("method").GetString());
    }
}
