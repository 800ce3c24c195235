using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sentier.DevHost.Catalog;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>
/// The host's <c>AzureWebJobs.{name}.Disabled</c> app setting: a disabled function is not triggered
/// (its route answers 404, its queue is not read); false or absent leaves it on.
/// </summary>
public sealed class DisabledFunctionsAreNotTriggered
{
    [Fact]
    public async Task A_disabled_http_function_is_not_served()
    {
        await using var server = await DevHostServer.StartAsync(new Dictionary<string, string> { [DevHostServer.DisabledSetting("Health_Live")] = "true" });

        using var response = await server.Client.GetAsync("health");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(server.Services.GetRequiredService<ServedFunctions>().All, function => function.Name == "Health_Live");
    }

    [Fact]
    public async Task Queue_functions_are_served_only_where_enabled()
    {
        await using var quiet = await DevHostServer.StartAsync();
        await using var delivering = await DevHostServer.StartAsync(DevHostServer.Delivering);

        Assert.DoesNotContain(quiet.Services.GetRequiredService<ServedFunctions>().All, function => function.Name == DevHostServer.DeliverFunction);
        Assert.Contains(delivering.Services.GetRequiredService<ServedFunctions>().All, function => function.Name == DevHostServer.DeliverFunction);
    }
}
