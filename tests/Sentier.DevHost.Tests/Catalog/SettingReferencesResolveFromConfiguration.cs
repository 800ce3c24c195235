using Sentier.Catalog;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary><c>%Setting%</c> in queue names and schedules is replaced by the app setting, as in the Functions host.</summary>
public sealed class SettingReferencesResolveFromConfiguration
{
    [Fact]
    public void QueueNameAndScheduleComeFromSettings()
    {
        var configuration = SampleConfiguration.From(new Dictionary<string, string>
        {
            [SampleQueueFunctions.RecordQueueSetting] = "orders-in",
            [SampleQueueFunctions.FailingQueueSetting] = "x1",
            [SampleQueueFunctions.FlakyQueueSetting] = "x2",
            [SampleQueueFunctions.PocoQueueSetting] = "x3",
            [SampleQueueFunctions.BatchQueueSetting] = "x4",
            [SampleQueueFunctions.GatedQueueSetting] = "x5",
            [SampleTimerFunctions.StartupScheduleSetting] = "0 30 4 * * *",
        });

        var functions = FunctionCatalog.Discover(typeof(SampleFunctions).Assembly, configuration);

        var queue = Assert.IsType<QueueTriggerDefinition>(Assert.Single(functions, f => f.Name == SampleQueueFunctions.RecordName).Trigger);
        Assert.Equal("orders-in", queue.QueueName);
        var timer = Assert.IsType<TimerTriggerDefinition>(Assert.Single(functions, f => f.Name == SampleTimerFunctions.StartupName).Trigger);
        Assert.Equal("0 30 4 * * *", timer.Schedule);
    }

    [Fact]
    public void DoubleUnderscoreInAReferenceReadsANestedKey()
    {
        var configuration = SampleConfiguration.From(new Dictionary<string, string> { ["Queues:Orders"] = "orders" });

        Assert.Equal("orders-v2", FunctionCatalog.Resolve("%Queues__Orders%-v2", configuration));
    }

    [Fact]
    public void SeveralReferencesAndPlainTextAreResolvedTogether()
    {
        var configuration = SampleConfiguration.From(new Dictionary<string, string> { ["Env"] = "dev", ["Area"] = "mail" });

        Assert.Equal("dev-mail-out", FunctionCatalog.Resolve("%Env%-%Area%-out", configuration));
        Assert.Equal("no-references", FunctionCatalog.Resolve("no-references", configuration));
    }

    [Fact]
    public void AMissingSettingIsAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            FunctionCatalog.Discover(typeof(SampleFunctions).Assembly, SampleConfiguration.From(new Dictionary<string, string>())));

        Assert.Contains("is referenced but not set", error.Message, StringComparison.Ordinal);
    }
}
