using System.Net;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Http;

/// <summary>Routes match in any casing, prefix included, as in the Functions host.</summary>
public sealed class RouteMatchingIsCaseInsensitive : IAsyncLifetime
{
    private DevHostServer _server = null!;

    public async Task InitializeAsync() => _server = await DevHostServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/API/HEALTH")]
    [InlineData("/Api/Health")]
    [InlineData("/api/health")]
    public async Task HealthAnswersInAnyCasing(string path)
    {
        using var response = await _server.Client.GetAsync(new Uri(_server.BaseAddress, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
