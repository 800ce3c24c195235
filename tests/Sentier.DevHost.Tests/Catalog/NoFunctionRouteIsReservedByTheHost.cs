using Sentier.Catalog;

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
        var http = MetadataFunction.ReadBuildOutput().Where(f => f.Trigger == "httpTrigger").ToList();

        Assert.Contains(http, f => f.Route!.StartsWith("operator/accounts", StringComparison.Ordinal));
        Assert.All(http, f => Assert.True(ReservedRoutes.PrefixOf(f.Route!) is null, $"{f.Name} is served at '{f.Route}', which the Functions host refuses."));
    }
}
