using System.Net.Http.Json;
using System.Text.Json;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Http;

/// <summary>
/// The isolated worker runs ASP.NET Core's forwarded-headers step on requests from the Functions
/// host's loopback proxy: every X-Forwarded-* header, one entry, loopback peers only. The DevHost
/// runs the same step, so what a function sees of its caller is what it sees in Azure. Test clients
/// connect over loopback: they stand where the host's proxy stands.
/// </summary>
public sealed class ForwardedHeadersAreAppliedAsInTheWorker : IAsyncLifetime
{
    private DevHostServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await DevHostServer.StartAsync(functionAssemblies: new TypeSubsetAssembly(typeof(SampleConnectionFunctions)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheRightMostForwardedForEntryBecomesTheRemoteAddressAndLeavesTheHeader()
    {
        var seen = await CallAsync(("X-Forwarded-For", "203.0.113.7, 198.51.100.9"));

        Assert.Equal("198.51.100.9", seen.GetProperty("remote").GetString());
        Assert.Equal("203.0.113.7", seen.GetProperty("forwardedFor").GetString());
        Assert.StartsWith("127.0.0.1:", seen.GetProperty("originalFor").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyOneEntryIsConsumed()
    {
        var seen = await CallAsync(("X-Forwarded-For", "192.0.2.1, 203.0.113.7, 198.51.100.9:4000"));

        Assert.Equal("198.51.100.9", seen.GetProperty("remote").GetString());
        Assert.Equal("192.0.2.1,203.0.113.7", seen.GetProperty("forwardedFor").GetString()!.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProtoAndHostAreForwardedToo()
    {
        var seen = await CallAsync(("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "api.example.com"));

        Assert.Equal("https", seen.GetProperty("scheme").GetString());
        Assert.Equal("api.example.com", seen.GetProperty("host").GetString());
    }

    [Fact]
    public async Task AnUnparsableEntryChangesNothing()
    {
        var seen = await CallAsync(("X-Forwarded-For", "203.0.113.7, not-an-address"));

        Assert.Equal("127.0.0.1", seen.GetProperty("remote").GetString());
        Assert.Equal("203.0.113.7, not-an-address", seen.GetProperty("forwardedFor").GetString());
    }

    [Fact]
    public async Task WithoutTheHeaderTheConnectionAddressStays()
    {
        var seen = await CallAsync();

        Assert.Equal("127.0.0.1", seen.GetProperty("remote").GetString());
        Assert.Equal("", seen.GetProperty("forwardedFor").GetString());
    }

    private async Task<JsonElement> CallAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, SampleConnectionFunctions.Route);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _server.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
