using System.Text.Json;
using System.Text.Json.Nodes;
using Sentier.Core.Storage;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>
/// The tables and queues infra declares are exactly those the code uses: StorageNames and every
/// queue trigger in the build's functions.metadata. Adding one in code without infra fails here.
/// </summary>
public sealed class DeclaredStorageMatchesCode
{
    private static readonly JsonObject StorageModule = CompiledTemplate.Main.Module("storage");

    [Fact]
    public void EveryTableIsDeclared()
    {
        Assert.Equal(StorageNames.Tables.Order(), DeclaredList("tableNames").Order());
    }

    [Fact]
    public void EveryQueueIsDeclared()
    {
        // A trigger on a queue's poison queue (to record what was poisoned) is covered by the poison loop.
        var used = StorageNames.Queues
            .Concat(QueueTriggerNames().Where(name => !StorageNames.Queues.Any(queue => name == queue + "-poison")))
            .Distinct().Order();

        Assert.Equal(used, DeclaredList("queueNames").Order());
    }

    [Fact]
    public void EveryQueueHasItsPoisonQueue()
    {
        var queueLoops = StorageModule["resources"]!.AsArray().OfType<JsonObject>()
            .Where(r => CompiledTemplate.Type(r) == "Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(r => TemplateExpressions.Text(r["name"]))
            .ToList();

        Assert.Contains(queueLoops, name => name.Contains("format('{0}-poison', variables('queueNames')[copyIndex()])", StringComparison.Ordinal));
        Assert.Contains(queueLoops, name => name.Contains("format('{0}-poison-poison', variables('queueNames')[copyIndex()])", StringComparison.Ordinal));
        Assert.Contains(queueLoops, name => name.Contains("variables('queueNames')[copyIndex()])", StringComparison.Ordinal) && !name.Contains("poison", StringComparison.Ordinal));
    }

    private static IEnumerable<string> DeclaredList(string variable) =>
        StorageModule["variables"]![variable]!.AsArray().Select(item => item!.GetValue<string>());

    private static IEnumerable<string> QueueTriggerNames()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        return metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray())
            .Where(binding => binding.GetProperty("type").GetString() == "queueTrigger")
            .Select(binding => binding.GetProperty("queueName").GetString()!)
            .ToList();
    }
}
