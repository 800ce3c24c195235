using System.Net;
using System.Text.Json;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Http;

/// <summary>A catch-all route parameter (<c>{*path}</c>) is served and binds the rest of the path, slashes included.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class CatchAllRouteBindsTheRestOfThePath
{
    [Fact]
    public async Task RestOfThePathReachesTheFunction()
    {
        await using var host = await SampleHost.StartAsync();

        foreach (var (url, path) in new[]
        {
            ("samples/files/a/b/c", "a/b/c"),
            ("samples/files/report.pdf", "report.pdf"),
            ("samples/files/2026/11/27/log.txt", "2026/11/27/log.txt"),
            ("SAMPLES/Files/Mixed/Case", "Mixed/Case"),
        })
        {
            using var response = await host.Server.Client.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/{url} answered {(int)response.StatusCode}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(path, body.RootElement.GetProperty("path").GetString());
        }
    }

    [Fact]
    public async Task TheSingleSegmentRouteNextToItStillMatches()
    {
        await using var host = await SampleHost.StartAsync();

        using var single = await host.Server.Client.GetAsync("samples/abc");
        using var nested = await host.Server.Client.GetAsync("samples/files/abc");

        using var singleBody = JsonDocument.Parse(await single.Content.ReadAsStringAsync());
        using var nestedBody = JsonDocument.Parse(await nested.Content.ReadAsStringAsync());
        Assert.Equal("abc", singleBody.RootElement.GetProperty("id").GetString());
        Assert.Equal("abc", nestedBody.RootElement.GetProperty("path").GetString());
    }
}
