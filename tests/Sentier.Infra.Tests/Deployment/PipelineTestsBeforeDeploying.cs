using YamlDotNet.RepresentationModel;

namespace Sentier.Infra.Tests.Deployment;

/// <summary>The azd pipeline signs in with a federated credential and runs every test before it provisions.</summary>
public sealed class PipelineTestsBeforeDeploying
{
    private static readonly YamlMappingNode Workflow = Load();

    [Fact]
    public void RequestsAnOidcTokenInsteadOfStoringASecret()
    {
        var permissions = AzureYamlDescribesTheApp.Mapping(Workflow, "permissions");

        Assert.Equal("write", AzureYamlDescribesTheApp.Scalar(permissions, "id-token"));
        Assert.Contains("--federated-credential-provider", Steps("deploy"), StringComparison.Ordinal);
        Assert.DoesNotContain("secrets.", File.ReadAllText(Path()), StringComparison.Ordinal);
    }

    [Fact]
    public void DeployRunsOnlyAfterTheTestsPass()
    {
        var deploy = AzureYamlDescribesTheApp.Mapping(AzureYamlDescribesTheApp.Mapping(Workflow, "jobs"), "deploy");

        Assert.Equal("test", AzureYamlDescribesTheApp.Scalar(deploy, "needs"));
        Assert.Contains("scripts/test.sh", Steps("test"), StringComparison.Ordinal);
        Assert.Contains("azd provision", Steps("deploy"), StringComparison.Ordinal);
        Assert.Contains("azd deploy", Steps("deploy"), StringComparison.Ordinal);
    }

    private static string Steps(string job)
    {
        var steps = (YamlSequenceNode)AzureYamlDescribesTheApp.Mapping(AzureYamlDescribesTheApp.Mapping(Workflow, "jobs"), job)
            .Children[new YamlScalarNode("steps")];
        return string.Join('\n', steps.Children.OfType<YamlMappingNode>()
            .SelectMany(step => step.Children)
            .Select(entry => entry.Value is YamlScalarNode scalar ? scalar.Value : ""));
    }

    private static string Path() => Repository.PathOf(".github", "workflows", "azure-dev.yml");

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path());
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
