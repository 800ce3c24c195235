using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Catalog;
using Sentier.DevHost.Catalog;
using Sentier.DevHost.Http;
using Sentier.Functions.Http;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>
/// The DevHost serves exactly what the Functions SDK's generator wrote into functions.metadata for
/// the real host: same names, triggers, methods, routes, queues and schedules, on live endpoints.
/// </summary>
public sealed partial class FunctionsMetadataParity : IAsyncLifetime
{
    private readonly IReadOnlyList<MetadataFunction> _metadata = MetadataFunction.ReadBuildOutput();
    private DevHostServer _server = null!;

    /// <summary>With the delivery and Facebook sync functions on, which test DevHosts otherwise leave off: every function is served.</summary>
    public async Task InitializeAsync() => _server = await DevHostServer.StartAsync(
        DevHostServer.Delivering.Concat(DevHostServer.SyncingFacebook)
            .Append(KeyValuePair.Create(DevHostServer.DisabledSetting(DevHostServer.FacebookPollFunction), "false"))
            .ToDictionary());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IReadOnlyList<ServedFunction> Served => _server.Services.GetRequiredService<ServedFunctions>().All;

    [Fact]
    public void MetadataIsNotEmpty() => Assert.NotEmpty(_metadata);

    [Fact]
    public void EveryMetadataFunctionIsServedOnceWithTheSameTrigger()
    {
        var served = Served;
        foreach (var expected in _metadata)
        {
            var matches = served.Where(s => s.Name == expected.Name).ToList();
            var actual = Assert.Single(matches);
            Assert.Equal(expected.Trigger, actual.Trigger);
            Assert.True(
                expected.Methods.SetEquals(actual.Methods),
                $"{expected.Name}: metadata methods [{string.Join(",", expected.Methods)}], served [{string.Join(",", actual.Methods)}]");
            Assert.Equal(expected.Route, actual.Route);
            Assert.Equal(expected.QueueName, actual.QueueName);
            Assert.Equal(expected.Connection, actual.Connection);

            // The metadata keeps %Setting% references for the host to resolve, as the DevHost does.
            Assert.Equal(expected.Schedule is null ? null : FunctionCatalog.Resolve(expected.Schedule, _server.Services.GetRequiredService<IConfiguration>()), actual.Schedule);
        }
    }

    [Fact]
    public void EveryServedFunctionOfSentierFunctionsIsInTheMetadata()
    {
        var definitions = _server.Services.GetRequiredService<IReadOnlyList<FunctionDefinition>>();
        var fromSentierFunctions = definitions.Where(d => d.DeclaringType.Assembly == typeof(ApiEndpoint).Assembly).ToList();
        Assert.NotEmpty(fromSentierFunctions);

        var metadataByName = _metadata.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var served in Served)
        {
            var definition = Assert.Single(definitions, d => d.Name == served.Name);
            if (definition.DeclaringType.Assembly != typeof(ApiEndpoint).Assembly)
            {
                continue;
            }

            Assert.True(metadataByName.TryGetValue(served.Name, out var metadata), $"{served.Name} is served but missing from functions.metadata");
            Assert.Equal(metadata.EntryPoint, $"{definition.DeclaringType.FullName}.{definition.Method.Name}");
        }

        foreach (var definition in fromSentierFunctions)
        {
            Assert.Single(Served, s => s.Name == definition.Name);
        }
    }

    [Fact]
    public void EveryHttpFunctionHasALiveRouteEndpointWithItsPatternAndMethods()
    {
        var endpoints = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var http = _metadata.Where(m => m.Trigger == "httpTrigger").ToList();
        Assert.NotEmpty(http);
        foreach (var function in http)
        {
            var endpoint = Assert.Single(endpoints, e => e.DisplayName == function.Name);
            Assert.Equal("/api/" + HttpFunctionEndpoints.ServedRoute(function.Route!), endpoint.RoutePattern.RawText);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            Assert.True(
                function.Methods.SetEquals(methods),
                $"{function.Name}: metadata methods [{string.Join(",", function.Methods)}], endpoint [{string.Join(",", methods)}]");
        }
    }

    [Fact]
    public async Task EveryHttpFunctionRunsWhenCalledWithItsMethodAndRoute()
    {
        using var client = _server.CreateClient();
        foreach (var function in _metadata.Where(m => m.Trigger == "httpTrigger"))
        {
            var path = RouteParameter().Replace(HttpFunctionEndpoints.ServedRoute(function.Route!), "parity-dummy");
            var methods = function.Methods.Count > 0 ? function.Methods : new HashSet<string>(["get"]);
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{function.Name}: {method.ToUpperInvariant()} /api/{path} answered {(int)response.StatusCode} {body}";
                Assert.True(response.StatusCode != System.Net.HttpStatusCode.MethodNotAllowed, what);
                Assert.DoesNotContain("No API route matches", body, StringComparison.Ordinal);
            }
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
