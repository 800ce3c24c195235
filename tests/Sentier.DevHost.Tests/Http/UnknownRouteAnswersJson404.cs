using System.Net;
using System.Text.Json;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Http;

/// <summary>A path no function serves gets 404 with the API's JSON error shape <c>{"Message": ...}</c>.</summary>
public sealed class UnknownRouteAnswersJson404 : IAsyncLifetime
{
    private DevHostServer _server = null!;

    public async Task InitializeAsync() => _server = await DevHostServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/no-such-route")]
    [InlineData("/api/health/extra/segments")]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task NotFoundWithMessage(string path)
    {
        using var response = await _server.Client.GetAsync(new Uri(_server.BaseAddress, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var property = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("Message", property.Name);
        Assert.Equal($"No API route matches {path}.", property.Value.GetString());
    }
}
