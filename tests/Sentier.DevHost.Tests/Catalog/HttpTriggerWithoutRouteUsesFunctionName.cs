using Sentier.Catalog;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>An HTTP trigger without Route is served at the function's name, for every method when it names none.</summary>
[Collection(SampleHostCollection.Name)]
public sealed class HttpTriggerWithoutRouteUsesFunctionName
{
    [Fact]
    public void DiscoveredRouteIsTheFunctionName()
    {
        var functions = FunctionCatalog.Discover(typeof(SampleFunctions).Assembly, SampleConfiguration.ForSamples());

        var trigger = Assert.IsType<HttpTriggerDefinition>(Assert.Single(functions, f => f.Name == SampleFunctions.NoRouteName).Trigger);
        Assert.Equal(SampleFunctions.NoRouteName, trigger.Route);
        Assert.Empty(trigger.Methods);
    }

    [Fact]
    public async Task ServedAtTheFunctionNameForAnyMethod()
    {
        await using var host = await SampleHost.StartAsync();
        using var client = host.Server.CreateClient();

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, SampleFunctions.NoRouteName));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"\"method\":\"{method.Method}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
