using System.Net;
using System.Text.Json;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Http;

/// <summary>A served route called with a method its function does not accept gets 405 with a JSON <c>{"Message": ...}</c>.</summary>
public sealed class WrongMethodAnswersJson405 : IAsyncLifetime
{
    private DevHostServer _server = null!;

    public async Task InitializeAsync() => _server = await DevHostServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("DELETE", "/api/health")]
    [InlineData("POST", "/api/health/ready")]
    [InlineData("PATCH", "/api/apps/some-id")]
    [InlineData("PUT", "/api/account")]
    public async Task MethodNotAllowedWithMessage(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_server.BaseAddress, path));
        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var property = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("Message", property.Name);
        Assert.Equal($"{method} is not allowed on {path}.", property.Value.GetString());
    }
}
