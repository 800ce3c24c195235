using System.Text.Json;
using Sentier.DevHost.Catalog;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>
/// Every HTTP route of Sentier.Functions, as the build's functions.metadata hands it to the Functions
/// host, is one the host loads: none starts with a prefix the host keeps for its own endpoints.
/// </summary>
public sealed class NoFunctionRouteIsReservedByTheHost
{
    [Fact]
    public void EveryMetadataRouteIsOutsideTheHostsReservedPrefixes()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        var routes = metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => (
                    Function: function.GetProperty("name").GetString()!,
                    Route: binding.TryGetProperty("route", out var route) && route.GetString() is { Length: > 0 } text
                        ? text
                        : function.GetProperty("name").GetString()!)))
            .ToList();

        Assert.NotEmpty(routes);
        Assert.Contains(routes, r => r.Route.StartsWith("operator/accounts", StringComparison.Ordinal));
        Assert.All(routes, r => Assert.True(ReservedRoutes.PrefixOf(r.Route) is null, $"{r.Function} is served at '{r.Route}', which the Functions host refuses."));
    }
}
