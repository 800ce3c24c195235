using System.Diagnostics;
using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Health;

/// <summary>
/// /api/health/ready is a round-trip to storage. Outages are tested both from the start (the host
/// must still start and answer liveness) and after startup, by relaying storage through a port that
/// is then closed.
/// </summary>
public sealed class ReadinessChecksStorage(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ready_when_storage_answers()
    {
        var response = await host.Api.GetAsync("health/ready");

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("""{"status":"ready"}""", response.Body);
    }

    [Fact]
    public async Task Not_ready_within_seconds_when_storage_goes_away()
    {
        await using var relayed = await RelayedStorageHost.StartAsync();
        var api = relayed.Api;
        ApiAssert.Status(HttpStatusCode.OK, await api.GetAsync("health/ready"));

        await relayed.CutStorageAsync();
        var clock = Stopwatch.StartNew();
        var response = await api.GetAsync("health/ready");
        clock.Stop();

        AssertNotReadyWithACorrelationIdOnly(response);
        Assert.True(clock.Elapsed < ReadyDeadline, $"Readiness took {clock.Elapsed} to answer.");

        // Liveness does no I/O, so it is unaffected.
        ApiAssert.Status(HttpStatusCode.OK, await api.GetAsync("health"));
    }

    [Fact]
    public async Task A_host_whose_storage_is_down_at_start_still_starts_and_reports_not_ready()
    {
        await using var server = await Sentier.Testing.DevHostServer.StartAsync(
            new Dictionary<string, string> { ["AppStorage"] = StorageConnection.Unreachable() });
        var api = new ApiClient(server.Client);

        ApiAssert.Status(HttpStatusCode.OK, await api.GetAsync("health"));
        AssertNotReadyWithACorrelationIdOnly(await api.GetAsync("health/ready"));
    }

    /// <summary>Storage refusing the app's credentials is an operator's problem: the anonymous caller learns none of it.</summary>
    [Fact]
    public async Task What_storage_answered_stays_out_of_the_response()
    {
        await using var server = await Sentier.Testing.DevHostServer.StartAsync(
            new Dictionary<string, string> { ["AppStorage"] = StorageConnection.WrongKey() });
        var api = new ApiClient(server.Client);

        var first = await api.GetAsync("health/ready");
        var second = await api.GetAsync("health/ready");

        AssertNotReadyWithACorrelationIdOnly(first);
        AssertNotReadyWithACorrelationIdOnly(second);
        Assert.NotEqual(first.Header("X-Correlation-Id"), second.Header("X-Correlation-Id"));
    }

    /// <summary>The whole body is a generic message and the id that finds the logged details.</summary>
    private static void AssertNotReadyWithACorrelationIdOnly(ApiResponse response)
    {
        ApiAssert.Error(HttpStatusCode.ServiceUnavailable, response);
        var correlationId = response.Header("X-Correlation-Id");
        Assert.False(string.IsNullOrEmpty(correlationId));
        Assert.Equal($$"""{"Message":"Not ready. Correlation id: {{correlationId}}."}""", response.Body);
    }

    [Fact]
    public async Task Ready_needs_no_credentials()
    {
        var response = await host.Api.GetAsync("health/ready", "garbage");

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("ready", response.Json.GetProperty("status").GetString());
    }
}
