using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>
/// infra/main.bicep compiled once per test run to ARM JSON, with every module's template reachable:
/// each module is a nested deployment whose template holds that module's resources.
/// </summary>
public sealed class CompiledTemplate
{
    private static readonly Lazy<CompiledTemplate> Compiled = new(Compile);

    private CompiledTemplate(JsonObject root) => Root = root;

    public static CompiledTemplate Main => Compiled.Value;

    public JsonObject Root { get; }

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/>.</summary>
    public JsonObject Module(string deploymentName) =>
        Resources(Root).Single(r => Type(r) == "Microsoft.Resources/deployments" && Name(r) == deploymentName)
            ["properties"]!["template"]!.AsObject();

    /// <summary>Every resource of the template and its modules, nested child resources included.</summary>
    public IEnumerable<JsonObject> AllResources() => AllResources(Root);

    public IEnumerable<JsonObject> ResourcesOfType(string type) => AllResources().Where(r => Type(r) == type);

    public static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    public static string Name(JsonObject resource) => resource["name"]!.GetValue<string>();

    private static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        foreach (var resource in Resources(template))
        {
            yield return resource;
            if (Type(resource) == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A template's own resources (not its modules'): an array, or an object keyed by symbolic name in language version 2.0.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(entry => entry.Value).OfType<JsonObject>(),
        _ => [],
    };

    private static CompiledTemplate Compile()
    {
        var (exitCode, output) = Repository.RunBicep("build", "main.bicep", "--stdout");
        if (exitCode != 0)
        {
            throw new InvalidOperationException("bicep build failed:\n" + output);
        }

        // --stdout mixes any diagnostics into the same stream; the template is the JSON object.
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)];
        return new CompiledTemplate(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })!.AsObject());
    }
}
