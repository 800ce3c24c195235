using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>Reads the few ARM expression shapes the assertions need, without evaluating ARM.</summary>
internal static partial class TemplateExpressions
{
    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";

    /// <summary>The resource type inside <c>resourceId('Type', …)</c>, the form every scope here takes.</summary>
    public static string ScopeType(JsonObject resource) =>
        ResourceIdType().Match(Text(resource["scope"])) is { Success: true } match ? match.Groups[1].Value : "";

    /// <summary>
    /// The role definition GUIDs a role assignment (or a copy loop of them) grants, resolved
    /// through the module's <c>roles</c> and list variables.
    /// </summary>
    public static IReadOnlyList<string> GrantedRoles(JsonObject resource, JsonObject moduleVariables)
    {
        var expression = Text(resource["properties"]!["roleDefinitionId"]);
        if (RoleVariable().Match(expression) is { Success: true } single)
        {
            return [Text(moduleVariables["roles"]![single.Groups[1].Value])];
        }

        if (ListVariable().Match(expression) is { Success: true } list)
        {
            return moduleVariables[list.Groups[1].Value]!.AsArray()
                .Select(item => RoleVariable().Match(Text(item)).Groups[1].Value)
                .Select(name => Text(moduleVariables["roles"]![name]))
                .ToList();
        }

        return [];
    }

    [GeneratedRegex(@"resourceId\('([^']+)'")]
    private static partial Regex ResourceIdType();

    [GeneratedRegex(@"variables\('roles'\)\.(\w+)")]
    private static partial Regex RoleVariable();

    [GeneratedRegex(@"variables\('(\w+)'\)\[copyIndex\(\)\]")]
    private static partial Regex ListVariable();
}
