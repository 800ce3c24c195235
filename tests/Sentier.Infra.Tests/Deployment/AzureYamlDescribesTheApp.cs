using YamlDotNet.RepresentationModel;

namespace Sentier.Infra.Tests.Deployment;

public sealed class AzureYamlDescribesTheApp
{
    private static readonly YamlMappingNode Root = Load();

    [Fact]
    public void NameIsLowercaseWithHyphens()
    {
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Scalar(Root, "name"));
    }

    [Fact]
    public void ApiServiceIsTheFunctionsProject()
    {
        var api = Mapping(Mapping(Root, "services"), "api");
        var project = Scalar(api, "project");
        var folder = Path.GetFullPath(Path.Combine(Repository.Root, project));

        Assert.Equal("function", Scalar(api, "host"));
        Assert.Equal("dotnet", Scalar(api, "language"));
        var csproj = Assert.Single(Directory.GetFiles(folder, "*.csproj"));
        Assert.Equal("Sentier.Functions.csproj", Path.GetFileName(csproj));
        Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", File.ReadAllText(csproj), StringComparison.Ordinal);
    }

    [Fact]
    public void PostprovisionHooksExist()
    {
        var hook = Mapping(Mapping(Root, "hooks"), "postprovision");
        var posix = Path.Combine(Repository.Root, Scalar(Mapping(hook, "posix"), "run"));
        var windows = Path.Combine(Repository.Root, Scalar(Mapping(hook, "windows"), "run"));

        Assert.True(File.Exists(posix), posix);
        Assert.True(File.Exists(windows), windows);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(posix).HasFlag(UnixFileMode.UserExecute), "the posix hook must be executable");
        }
    }

    internal static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Children[new YamlScalarNode(key)]);

    internal static string Scalar(YamlMappingNode node, string key) =>
        Assert.IsType<YamlScalarNode>(node.Children[new YamlScalarNode(key)]).Value!;

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf("azure.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
