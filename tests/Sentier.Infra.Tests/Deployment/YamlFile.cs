using YamlDotNet.RepresentationModel;

namespace Sentier.Infra.Tests.Deployment;

/// <summary>Reads a YAML file of the repository and walks it with assertions that name the missing key.</summary>
internal static class YamlFile
{
    public static YamlMappingNode Load(params string[] pathParts)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf(pathParts));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlMappingNode Mapping(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Children[new YamlScalarNode(key)]);

    public static YamlSequenceNode Sequence(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlSequenceNode>(node.Children[new YamlScalarNode(key)]);

    public static string Scalar(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlScalarNode>(node.Children[new YamlScalarNode(key)]).Value!;
}
