using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sentier.Core.Common;

namespace Sentier.Functions.Telemetry;

public static class SentierTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Requests (the Functions worker's spans), dependencies (Tables, Queues and outgoing HTTP) and
    /// the <see cref="SentierMetrics"/> meter, exported to Application Insights. Off when no
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, as locally.
    /// </summary>
    public static IServiceCollection AddSentierTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        if (string.IsNullOrEmpty(connectionString))
        {
            return services;
        }

        // The Azure SDK emits spans for its storage calls only when asked to.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource("Azure.*").AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(SentierMetrics.MeterName).AddHttpClientInstrumentation())
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                if (ManagedIdentityClientId(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]) is { } clientId)
                {
                    // Application Insights has local auth disabled: ingestion is authorised by the app's identity.
                    exporter.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        return services;
    }

    /// <summary>The <c>ClientId</c> of <c>ClientId=…;Authorization=AAD</c>.</summary>
    private static string? ManagedIdentityClientId(string? authenticationString) =>
        authenticationString?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1])
            .FirstOrDefault();
}
