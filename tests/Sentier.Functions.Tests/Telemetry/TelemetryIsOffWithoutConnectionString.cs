using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sentier.Functions.Telemetry;

namespace Sentier.Functions.Tests.Telemetry;

/// <summary>Locally nothing is exported; with an Application Insights connection string, traces and metrics are.</summary>
public sealed class TelemetryIsOffWithoutConnectionString
{
    // The documented shape of a connection string; the key is a made-up GUID and nothing is sent in this test.
    private const string ConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:1/";

    [Fact]
    public void Without_a_connection_string_no_exporter_is_registered()
    {
        var services = Compose(new Dictionary<string, string?>());

        Assert.DoesNotContain(services, d => d.ServiceType.FullName?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void With_a_connection_string_traces_and_metrics_are_exported()
    {
        var services = Compose(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ConnectionString,
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=00000000-0000-0000-0000-000000000002;Authorization=AAD",
        });

        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    private static ServiceCollection Compose(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSentierTelemetry(configuration);
        return services;
    }
}
