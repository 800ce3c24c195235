using Microsoft.Extensions.Configuration;
using Sentier.Catalog;
using Sentier.DevHost.Queues;
using Sentier.Functions.Http;

namespace Sentier.Functions.Tests;

/// <summary>
/// The Functions host resolves a trigger's connection name <c>X</c> by reading <c>AzureWebJobsX</c>
/// first and <c>X</c> only when that is absent (the DevHost does the same). With both the host's
/// storage and the app's configured, every queue trigger must land on the app's.
/// </summary>
public sealed class QueueTriggersReadTheAppStorage
{
    private const string HostStorage = "the Functions host's storage";
    private const string AppStorage = "the app's storage";

    [Fact]
    public void Every_queue_trigger_reads_the_connection_the_app_writes_its_queues_through()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = HostStorage,
                ["AppStorage"] = AppStorage,
                ["Facebook:PollSchedule"] = "0 */5 * * * *",
            })
            .Build();

        var triggers = FunctionCatalog.Discover(typeof(ApiEndpoint).Assembly, configuration)
            .Select(function => (function.Name, Trigger: function.Trigger as QueueTriggerDefinition))
            .Where(function => function.Trigger is not null)
            .ToList();

        Assert.NotEmpty(triggers);
        Assert.All(triggers, function =>
            Assert.True(
                QueueTriggerListener.ConnectionSection(configuration, function.Trigger!.Connection).Value == AppStorage,
                $"{function.Name} reads connection '{function.Trigger.Connection}', which resolves to {QueueTriggerListener.ConnectionSection(configuration, function.Trigger.Connection).Value ?? "nothing"}."));
    }
}
