using System.Text.Json.Nodes;
using static Sentier.Infra.Tests.Bicep.TemplateExpressions;

namespace Sentier.Infra.Tests.Bicep;

public sealed class IdentityBasedStorage
{
    private static readonly CompiledTemplate Template = CompiledTemplate.Main;

    private static JsonObject AppSettings =>
        Assert.Single(Template.ResourcesOfType("Microsoft.Web/sites/config"))["properties"]!.AsObject();

    [Fact]
    public void StorageAccountRefusesSharedKeysAndOldTls()
    {
        var properties = Assert.Single(Template.ResourcesOfType("Microsoft.Storage/storageAccounts"))["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", Text(properties["minimumTlsVersion"]));
    }

    [Theory]
    [InlineData("AccountKey")]
    [InlineData("DefaultEndpointsProtocol")]
    [InlineData("SharedAccessSignature")]
    [InlineData("listKeys")]
    [InlineData("UseDevelopmentStorage")]
    public void NoAppSettingCarriesAConnectionStringOrKey(string forbidden)
    {
        Assert.All(AppSettings, setting => Assert.DoesNotContain(forbidden, Text(setting.Value), StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("AppStorage")]
    public void EachStorageConnectionIsIdentityBased(string prefix)
    {
        var settings = AppSettings;

        Assert.Equal("managedidentity", Text(settings[prefix + "__credential"]));
        Assert.Equal("[parameters('identityClientId')]", Text(settings[prefix + "__clientId"]));
        Assert.Contains("primaryEndpoints.queue", Text(settings[prefix + "__queueServiceUri"]), StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", Text(settings[prefix + "__tableServiceUri"]), StringComparison.Ordinal);
        Assert.Null(settings[prefix]);
    }

    [Fact]
    public void WorkerRuntimeComesFromTheFlexConfigurationNotAnAppSetting()
    {
        Assert.Null(AppSettings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Null(AppSettings["FUNCTIONS_EXTENSION_VERSION"]);
    }
}
