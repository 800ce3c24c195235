using System.Text.Json;
using Sentier.Catalog;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>One entry of functions.metadata, reduced to its trigger binding with the Functions host's defaults applied.</summary>
internal sealed record MetadataFunction(
    string Name,
    string EntryPoint,
    string Trigger,
    HashSet<string> Methods,
    string? Route,
    string? QueueName,
    string? Connection,
    string? Schedule)
{
    public static IReadOnlyList<MetadataFunction> ReadBuildOutput()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(Read)];
    }

    private static MetadataFunction Read(JsonElement function)
    {
        var name = function.GetProperty("name").GetString()!;
        var trigger = function.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        var type = trigger.GetProperty("type").GetString()!;
        var methods = trigger.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return new MetadataFunction(
            name,
            function.GetProperty("entryPoint").GetString()!,
            type,
            methods,
            type == "httpTrigger" ? String(trigger, "route") ?? name : null,
            String(trigger, "queueName"),
            type == "queueTrigger" ? String(trigger, "connection") ?? FunctionCatalog.DefaultConnection : null,
            String(trigger, "schedule"));
    }

    private static string? String(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
