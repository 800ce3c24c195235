using System.Text.Json.Nodes;
using static Sentier.Infra.Tests.Bicep.TemplateExpressions;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>
/// <c>frontDoorId</c> locks the app to one Azure Front Door profile (its backends' service tag and
/// its <c>X-Azure-FDID</c>), and only then trusts one proxy hop in front of the platform. Without it
/// the app is open and trusts none, because a hop nobody enforces lets a caller choose its address.
/// The compiled api module is evaluated for both parameter values.
/// </summary>
public sealed class FrontDoorLock
{
    private const string FrontDoorId = "0f5b1c4e-2a3d-4e6f-8a9b-1c2d3e4f5a6b";

    private static readonly JsonObject Api = CompiledTemplate.Main.Module("api");

    [Fact]
    public void WithoutAFrontDoorIdTheAppIsOpenAndTrustsNoHop()
    {
        var (siteConfig, hops) = Evaluate(frontDoorId: null);

        Assert.Empty(siteConfig["ipSecurityRestrictions"]!.AsArray());
        Assert.Equal("Allow", Text(siteConfig["ipSecurityRestrictionsDefaultAction"]));
        Assert.Equal("0", hops);
    }

    [Fact]
    public void WithAFrontDoorIdOnlyThatProfilesRequestsGetIn()
    {
        var (siteConfig, hops) = Evaluate(FrontDoorId);

        var rule = Assert.Single(siteConfig["ipSecurityRestrictions"]!.AsArray())!.AsObject();
        Assert.Equal("Allow", Text(rule["action"]));
        Assert.Equal("ServiceTag", Text(rule["tag"]));
        Assert.Equal("AzureFrontDoor.Backend", Text(rule["ipAddress"]));
        var headers = rule["headers"]!.AsObject();
        Assert.Equal("x-azure-fdid", Assert.Single(headers).Key);
        Assert.Equal([FrontDoorId], headers["x-azure-fdid"]!.AsArray().Select(Text));
        Assert.Equal("Deny", Text(siteConfig["ipSecurityRestrictionsDefaultAction"]));
        Assert.Equal("1", hops);
    }

    [Fact]
    public void TheMainTemplatePassesItsParameterThroughEmptyByDefault()
    {
        var main = CompiledTemplate.Main.Root;
        var deployment = Assert.Single(CompiledTemplate.Main.ResourcesOfType("Microsoft.Resources/deployments"), d => CompiledTemplate.Name(d) == "api");

        Assert.Equal("", Text(main["parameters"]!["frontDoorId"]!["defaultValue"]));
        Assert.Equal("[parameters('frontDoorId')]", Text(deployment["properties"]!["parameters"]!["frontDoorId"]!["value"]));
    }

    /// <returns>The site's siteConfig and its <c>Sentier__TrustedProxyHops</c> app setting, evaluated.</returns>
    private static (JsonObject SiteConfig, string TrustedProxyHops) Evaluate(string? frontDoorId)
    {
        var parameters = new Dictionary<string, JsonNode?>();
        if (frontDoorId is not null)
        {
            parameters["frontDoorId"] = JsonValue.Create(frontDoorId);
        }

        var expressions = new ArmExpressions(Api, parameters);
        var resources = CompiledTemplate.Resources(Api).ToList();
        var site = resources.Single(r => CompiledTemplate.Type(r) == "Microsoft.Web/sites");
        var config = resources.Single(r => CompiledTemplate.Type(r) == "Microsoft.Web/sites/config");
        return (
            expressions.Evaluate(site["properties"]!["siteConfig"])!.AsObject(),
            Text(expressions.Evaluate(config["properties"]!["Sentier__TrustedProxyHops"])));
    }
}
