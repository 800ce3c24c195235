using System.Text.Json.Nodes;
using static Sentier.Infra.Tests.Bicep.TemplateExpressions;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>Every data-plane role the app needs, with the built-in role GUIDs, on the right resource.</summary>
public sealed class RoleAssignments
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string ApplicationInsights = "Microsoft.Insights/components";
    private const string KeyVault = "Microsoft.KeyVault/vaults";

    private static readonly JsonObject Rbac = CompiledTemplate.Main.Module("rbac");

    public static TheoryData<string, string> AppRoles => new()
    {
        { StorageBlobDataOwner, StorageAccount },
        { StorageQueueDataContributor, StorageAccount },
        { StorageTableDataContributor, StorageAccount },
        { MonitoringMetricsPublisher, ApplicationInsights },
        { KeyVaultSecretsUser, KeyVault },
    };

    public static TheoryData<string, string> DeployingUserRoles => new()
    {
        { StorageBlobDataOwner, StorageAccount },
        { StorageQueueDataContributor, StorageAccount },
        { StorageTableDataContributor, StorageAccount },
        { KeyVaultSecretsOfficer, KeyVault },
    };

    [Theory]
    [MemberData(nameof(AppRoles))]
    public void TheAppIdentityHasTheRole(string roleGuid, string scopeType)
    {
        var grant = Assert.Single(Grants("[parameters('appPrincipalId')]"), g => g.Role == roleGuid && g.ScopeType == scopeType);

        Assert.Equal("ServicePrincipal", grant.PrincipalType);
        Assert.Equal("", grant.Condition);
    }

    [Theory]
    [MemberData(nameof(DeployingUserRoles))]
    public void TheDeployingPrincipalOptionallyHasTheRole(string roleGuid, string scopeType)
    {
        var grant = Assert.Single(Grants("[parameters('userPrincipalId')]"), g => g.Role == roleGuid && g.ScopeType == scopeType);

        Assert.Equal("[parameters('userPrincipalType')]", grant.PrincipalType);
        Assert.Equal("[variables('grantUser')]", grant.Condition);
    }

    [Fact]
    public void TheAppIdentityIsTheUserAssignedIdentity()
    {
        var parameters = CompiledTemplate.Main.AllResources()
            .Single(r => CompiledTemplate.Type(r) == "Microsoft.Resources/deployments" && CompiledTemplate.Name(r) == "rbac")
            ["properties"]!["parameters"]!;

        Assert.Contains("'identity'", Text(parameters["appPrincipalId"]!["value"]), StringComparison.Ordinal);
        Assert.Contains("principalId", Text(parameters["appPrincipalId"]!["value"]), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Role, string ScopeType, string PrincipalType, string Condition)> Grants(string principal)
    {
        var variables = Rbac["variables"]!.AsObject();
        var resources = Rbac["resources"]!.AsArray().OfType<JsonObject>()
            .Where(r => CompiledTemplate.Type(r) == "Microsoft.Authorization/roleAssignments")
            .Where(r => Text(r["properties"]!["principalId"]) == principal);
        return resources.SelectMany(r => GrantedRoles(r, variables).Select(role =>
            (role, ScopeType(r), Text(r["properties"]!["principalType"]), r["condition"] is null ? "" : Text(r["condition"]))));
    }
}
