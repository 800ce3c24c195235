using System.Text.Json.Nodes;
using static Sentier.Infra.Tests.Bicep.TemplateExpressions;

namespace Sentier.Infra.Tests.Bicep;

public sealed class FlexConsumptionApp
{
    private static readonly CompiledTemplate Template = CompiledTemplate.Main;

    private static JsonObject Site => Assert.Single(Template.ResourcesOfType("Microsoft.Web/sites"));

    [Fact]
    public void PlanIsFlexConsumptionFc1OnLinux()
    {
        var plan = Assert.Single(Template.ResourcesOfType("Microsoft.Web/serverfarms"));

        Assert.Equal("FC1", Text(plan["sku"]!["name"]));
        Assert.Equal("FlexConsumption", Text(plan["sku"]!["tier"]));
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void RuntimeIsDotnetIsolatedTen()
    {
        var runtime = Site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("dotnet-isolated", Text(runtime["name"]));
        Assert.Equal("10.0", Text(runtime["version"]));
    }

    [Fact]
    public void InstanceMemoryAndScaleOutAreParameters()
    {
        var scale = Site["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;

        Assert.Equal("[parameters('instanceMemoryMB')]", Text(scale["instanceMemoryMB"]));
        Assert.Equal("[parameters('maximumInstanceCount')]", Text(scale["maximumInstanceCount"]));
        var parameters = Template.Root["parameters"]!;
        Assert.Equal([512, 2048, 4096], parameters["instanceMemoryMB"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<int>()));
        Assert.NotNull(parameters["maximumInstanceCount"]);
    }

    [Fact]
    public void DeploysFromABlobContainerWithTheUserAssignedIdentity()
    {
        var storage = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", Text(storage["type"]));
        Assert.Equal("UserAssignedIdentity", Text(storage["authentication"]!["type"]));
        Assert.Single(Template.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void RunsAsTheUserAssignedIdentityAndIsFoundByAzd()
    {
        Assert.Equal("UserAssigned", Text(Site["identity"]!["type"]));
        Assert.Equal("[parameters('identityId')]", Text(Site["properties"]!["keyVaultReferenceIdentity"]));
        Assert.Contains("'azd-service-name', 'api'", Text(Site["tags"]), StringComparison.Ordinal);
        Assert.True(Site["properties"]!["httpsOnly"]!.GetValue<bool>());
    }
}
