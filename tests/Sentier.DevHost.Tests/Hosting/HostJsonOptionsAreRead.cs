using Sentier.DevHost.Hosting;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Hosting;

/// <summary>HostJson reads the route prefix and queue options of host.json, with the Functions host's defaults.</summary>
public sealed class HostJsonOptionsAreRead
{
    [Fact]
    public void MissingFileGivesDefaults()
    {
        var hostJson = HostJson.Load(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json"));

        Assert.Equal("api", hostJson.RoutePrefix);
        Assert.Equal(16, hostJson.Queues.BatchSize);
        Assert.Equal(5, hostJson.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, hostJson.Queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), hostJson.Queues.MaxPollingInterval);
        Assert.True(hostJson.Queues.Base64Messages);
    }

    [Fact]
    public void FileWithoutExtensionsGivesDefaults()
    {
        using var file = new TempFile("""{ "version": "2.0" }""");

        Assert.Equal(new HostJson("api", new QueueHostOptions()), HostJson.Load(file.Path));
    }

    [Fact]
    public void AllOptionsAreRead()
    {
        using var file = new TempFile("""
            {
              "version": "2.0",
              // comments are allowed in host.json
              "extensions": {
                "http": { "routePrefix": "/v1/" },
                "queues": {
                  "batchSize": 8,
                  "newBatchThreshold": 3,
                  "maxDequeueCount": 2,
                  "visibilityTimeout": "00:00:30",
                  "maxPollingInterval": "00:00:05",
                  "messageEncoding": "none",
                },
              },
            }
            """);

        var hostJson = HostJson.Load(file.Path);

        Assert.Equal("v1", hostJson.RoutePrefix);
        Assert.Equal(
            new QueueHostOptions
            {
                BatchSize = 8,
                NewBatchThreshold = 3,
                MaxDequeueCount = 2,
                VisibilityTimeout = TimeSpan.FromSeconds(30),
                MaxPollingInterval = TimeSpan.FromSeconds(5),
                Base64Messages = false,
            },
            hostJson.Queues);
    }

    /// <summary>As in the host: half a batch per processor unless host.json says otherwise.</summary>
    [Fact]
    public void NewBatchThresholdFollowsTheBatchSize()
    {
        using var file = new TempFile("""{ "extensions": { "queues": { "batchSize": 8 } } }""");

        Assert.Equal(4 * Environment.ProcessorCount, HostJson.Load(file.Path).Queues.NewBatchThreshold);
    }

    [Fact]
    public void EmptyRoutePrefixIsKept()
    {
        using var file = new TempFile("""{ "extensions": { "http": { "routePrefix": "" } } }""");

        Assert.Equal(string.Empty, HostJson.Load(file.Path).RoutePrefix);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1, 1)]
    [InlineData(32, 32)]
    [InlineData(33, 32)]
    [InlineData(1000, 32)]
    public void BatchSizeIsClampedToOneThroughThirtyTwo(int configured, int expected)
    {
        using var file = new TempFile($$"""{ "extensions": { "queues": { "batchSize": {{configured}} } } }""");

        Assert.Equal(expected, HostJson.Load(file.Path).Queues.BatchSize);
    }

    [Fact]
    public void PollingIntervalHasAFloorOfOneHundredMilliseconds()
    {
        using var file = new TempFile("""{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.010" } } }""");

        Assert.Equal(TimeSpan.FromMilliseconds(100), HostJson.Load(file.Path).Queues.MaxPollingInterval);
    }

    [Fact]
    public void Base64EncodingIsBase64()
    {
        using var file = new TempFile("""{ "extensions": { "queues": { "messageEncoding": "base64" } } }""");

        Assert.True(HostJson.Load(file.Path).Queues.Base64Messages);
    }

    [Fact]
    public void TheRepositoryHostJsonIsRead()
    {
        var hostJson = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));

        Assert.Equal("api", hostJson.RoutePrefix);
        Assert.Equal(
            new QueueHostOptions
            {
                BatchSize = 16,
                MaxDequeueCount = 5,
                VisibilityTimeout = TimeSpan.FromSeconds(30),
                MaxPollingInterval = TimeSpan.FromMilliseconds(500),
                Base64Messages = true,
            },
            hostJson.Queues);
    }
}
