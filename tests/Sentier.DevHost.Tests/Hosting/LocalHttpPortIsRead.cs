using Microsoft.AspNetCore.Builder;
using Sentier.DevHost.Hosting;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Hosting;

/// <summary><c>Host.LocalHttpPort</c> in local.settings.json is the port the DevHost listens on, as with func start.</summary>
public sealed class LocalHttpPortIsRead
{
    [Fact]
    public void PortIsRead()
    {
        using var file = new TempFile("""{ "Values": {}, "Host": { "LocalHttpPort": 7345, "CORS": "*" } }""");

        Assert.Equal(7345, LocalSettings.ReadHttpPort(file.Path));
    }

    [Fact]
    public void PropertyNamesAreCaseInsensitive()
    {
        using var file = new TempFile("""{ "host": { "localHttpPort": 7346 } }""");

        Assert.Equal(7346, LocalSettings.ReadHttpPort(file.Path));
    }

    [Theory]
    [InlineData("""{ "Values": {} }""")]
    [InlineData("""{ "Host": {} }""")]
    [InlineData("""{ "Host": { "LocalHttpPort": "7345" } }""")]
    public void NoNumericPortGivesNull(string json)
    {
        using var file = new TempFile(json);

        Assert.Null(LocalSettings.ReadHttpPort(file.Path));
    }

    [Fact]
    public async Task WithoutUrlsTheDevHostUsesThePort()
    {
        using var file = new TempFile("""{ "Values": { "AppStorage": "UseDevelopmentStorage=true", "Facebook__PollSchedule": "0 */5 * * * *" }, "Host": { "LocalHttpPort": 7347 } }""");

        WebApplication app = DevHostApplication.Build(["--settings", file.Path]);
        await using (app)
        {
            Assert.Equal("http://localhost:7347", app.Configuration["urls"]);
        }
    }
}
