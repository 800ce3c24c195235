using YamlDotNet.RepresentationModel;

namespace Sentier.Infra.Tests.Deployment;

public sealed class AzureYamlDescribesTheApp
{
    private static readonly YamlMappingNode Root = YamlFile.Load("azure.yaml");

    [Fact]
    public void NameIsLowercaseWithHyphens()
    {
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Root.Scalar("name"));
    }

    [Fact]
    public void ApiServiceIsTheFunctionsProject()
    {
        var api = Root.Mapping("services").Mapping("api");
        var project = api.Scalar("project");
        var folder = Path.GetFullPath(Path.Combine(Repository.Root, project));

        Assert.Equal("function", api.Scalar("host"));
        Assert.Equal("dotnet", api.Scalar("language"));
        var csproj = Assert.Single(Directory.GetFiles(folder, "*.csproj"));
        Assert.Equal("Sentier.Functions.csproj", Path.GetFileName(csproj));
        Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", File.ReadAllText(csproj), StringComparison.Ordinal);
    }

    [Fact]
    public void PostprovisionHooksExist()
    {
        var hook = Root.Mapping("hooks").Mapping("postprovision");
        var posix = Path.Combine(Repository.Root, hook.Mapping("posix").Scalar("run"));
        var windows = Path.Combine(Repository.Root, hook.Mapping("windows").Scalar("run"));

        Assert.True(File.Exists(posix), posix);
        Assert.True(File.Exists(windows), windows);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(posix).HasFlag(UnixFileMode.UserExecute), "the posix hook must be executable");
        }
    }

}
