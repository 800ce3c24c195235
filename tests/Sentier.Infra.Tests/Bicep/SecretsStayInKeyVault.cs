using System.Text.Json.Nodes;
using static Sentier.Infra.Tests.Bicep.TemplateExpressions;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>Secrets reach the app only as Key Vault references; no template, default or output holds one.</summary>
public sealed class SecretsStayInKeyVault
{
    private static readonly CompiledTemplate Template = CompiledTemplate.Main;

    [Theory]
    [InlineData("Sentier__AdminKey", "sentier-admin-key")]
    [InlineData("Sentier__EncryptionKey", "sentier-encryption-key")]
    [InlineData("Facebook__AppSecret", "facebook-app-secret")]
    [InlineData("Facebook__VerifyToken", "facebook-verify-token")]
    public void SecretSettingsAreKeyVaultReferences(string setting, string secretName)
    {
        var value = Text(Assert.Single(Template.ResourcesOfType("Microsoft.Web/sites/config"))["properties"]![setting]);

        Assert.Contains("@Microsoft.KeyVault(VaultName=", value, StringComparison.Ordinal);
        Assert.Contains("SecretName=" + secretName + ")", value, StringComparison.Ordinal);
    }

    [Fact]
    public void VaultUsesRbacAuthorization()
    {
        var vault = Assert.Single(Template.ResourcesOfType("Microsoft.KeyVault/vaults"));

        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public void TemplateCreatesNoSecretValues()
    {
        Assert.Empty(Template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void NoParameterHasASecretDefault()
    {
        var parameters = AllTemplates().SelectMany(t => t["parameters"]?.AsObject() ?? []);

        Assert.All(parameters, parameter =>
        {
            var type = Text(parameter.Value!["type"]);
            Assert.False(type is "securestring" or "secureObject" && parameter.Value!["defaultValue"] is not null, parameter.Key);
            Assert.DoesNotContain("password", parameter.Key, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("listKeys")]
    [InlineData("ConnectionString")]
    [InlineData("secret")]
    [InlineData("AccountKey")]
    public void NoOutputExposesASecret(string forbidden)
    {
        var outputs = AllTemplates().SelectMany(t => t["outputs"]?.AsObject() ?? []);

        Assert.All(outputs, output => Assert.DoesNotContain(forbidden, Text(output.Value!["value"]), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ApplicationInsightsAcceptsOnlyEntraIngestion()
    {
        var component = Assert.Single(Template.ResourcesOfType("Microsoft.Insights/components"))["properties"]!;
        var settings = Assert.Single(Template.ResourcesOfType("Microsoft.Web/sites/config"))["properties"]!;

        Assert.True(component["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(component["WorkspaceResourceId"]);
        Assert.Contains("Authorization=AAD", Text(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]), StringComparison.Ordinal);
    }

    private static IEnumerable<JsonObject> AllTemplates() =>
        new[] { Template.Root }.Concat(Template.ResourcesOfType("Microsoft.Resources/deployments")
            .Select(d => d["properties"]!["template"]!.AsObject()));
}
