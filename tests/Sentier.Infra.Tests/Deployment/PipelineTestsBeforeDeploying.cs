using YamlDotNet.RepresentationModel;

namespace Sentier.Infra.Tests.Deployment;

/// <summary>The azd pipeline signs in with a federated credential and runs every test before it provisions.</summary>
public sealed class PipelineTestsBeforeDeploying
{
    private static readonly string[] WorkflowPath = [".github", "workflows", "azure-dev.yml"];

    private static readonly YamlMappingNode Workflow = YamlFile.Load(WorkflowPath);

    [Fact]
    public void RequestsAnOidcTokenInsteadOfStoringASecret()
    {
        var permissions = Workflow.Mapping("permissions");

        Assert.Equal("write", permissions.Scalar("id-token"));
        Assert.Contains("--federated-credential-provider", Steps("deploy"), StringComparison.Ordinal);
        Assert.DoesNotContain("secrets.", File.ReadAllText(Repository.PathOf(WorkflowPath)), StringComparison.Ordinal);
    }

    [Fact]
    public void DeployRunsOnlyAfterTheTestsPass()
    {
        var deploy = Workflow.Mapping("jobs").Mapping("deploy");

        Assert.Equal("test", deploy.Scalar("needs"));
        Assert.Contains("scripts/test.sh", Steps("test"), StringComparison.Ordinal);
        Assert.Contains("azd provision", Steps("deploy"), StringComparison.Ordinal);
        Assert.Contains("azd deploy", Steps("deploy"), StringComparison.Ordinal);
    }

    private static string Steps(string job)
    {
        var steps = Workflow.Mapping("jobs").Mapping(job).Sequence("steps");
        return string.Join('\n', steps.Children.OfType<YamlMappingNode>()
            .SelectMany(step => step.Children)
            .Select(entry => entry.Value is YamlScalarNode scalar ? scalar.Value : ""));
    }

}
