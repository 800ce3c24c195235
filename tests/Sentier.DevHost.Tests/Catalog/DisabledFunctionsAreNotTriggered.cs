using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Catalog;
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

    [Theory]
    [InlineData("AzureWebJobs.Health_Live.Disabled", "TRUE", true)]
    [InlineData("AzureWebJobs_Health_Live_Disabled", "1", true)]
    [InlineData("AzureWebJobs_Health_Live_Disabled", "false", false)]
    [InlineData("AzureWebJobs__Health_Live__Disabled", "true", false)]
    public void The_setting_is_read_in_the_hosts_two_spellings(string name, string value, bool disabled) =>
        Assert.Equal(disabled, FunctionCatalog.IsDisabled("Health_Live", new ConfigurationBuilder().AddInMemoryCollection([new(name, value)]).Build()));

    [Fact]
    public async Task Queue_functions_are_served_only_where_enabled()
    {
        await using var quiet = await DevHostServer.StartAsync();
        await using var delivering = await DevHostServer.StartAsync(DevHostServer.Delivering);

        Assert.DoesNotContain(quiet.Services.GetRequiredService<ServedFunctions>().All, function => function.Name == DevHostServer.DeliverFunction);
        Assert.Contains(delivering.Services.GetRequiredService<ServedFunctions>().All, function => function.Name == DevHostServer.DeliverFunction);
    }
}
