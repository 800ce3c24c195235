using Sentier.Catalog;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>FunctionCatalog.Discover finds every public [Function] method and reads its trigger attribute.</summary>
public sealed class DiscoveryReadsTriggerAttributes
{
    private readonly IReadOnlyList<FunctionDefinition> _functions =
        FunctionCatalog.Discover(typeof(SampleFunctions).Assembly, SampleConfiguration.ForSamples());

    private FunctionDefinition Function(string name) => Assert.Single(_functions, f => f.Name == name);

    [Fact]
    public void FindsExactlyThePublicSampleFunctions() =>
        Assert.Equal(
            new[]
            {
                SampleFunctions.GetName, SampleFunctions.NoRouteName, SampleFunctions.FilesName,
                SampleQueueFunctions.RecordName, SampleQueueFunctions.AlwaysFailsName, SampleQueueFunctions.FailsTwiceName,
                SampleQueueFunctions.PocoName, SampleQueueFunctions.BatchName, SampleQueueFunctions.GatedName,
                SampleTimerFunctions.EverySecondName, SampleTimerFunctions.StartupName,
            }.Order(StringComparer.Ordinal),
            _functions.Select(f => f.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void HttpTriggerGivesLowerCaseMethodsAndRoute()
    {
        var function = Function(SampleFunctions.GetName);
        var trigger = Assert.IsType<HttpTriggerDefinition>(function.Trigger);
        Assert.Equal("request", trigger.ParameterName);
        Assert.Equal(["get"], trigger.Methods);
        Assert.Equal(SampleFunctions.GetRoute, trigger.Route);
        Assert.Equal(typeof(SampleFunctions), function.DeclaringType);
        Assert.Equal(nameof(SampleFunctions.Get), function.Method.Name);
    }

    [Fact]
    public void QueueTriggerGivesQueueAndNamedConnection()
    {
        var trigger = Assert.IsType<QueueTriggerDefinition>(Function(SampleQueueFunctions.RecordName).Trigger);
        Assert.Equal(new QueueTriggerDefinition("message", "record-queue", "AppStorage"), trigger);
    }

    [Fact]
    public void QueueTriggerWithoutConnectionUsesAzureWebJobsStorage()
    {
        var trigger = Assert.IsType<QueueTriggerDefinition>(Function(SampleQueueFunctions.AlwaysFailsName).Trigger);
        Assert.Equal(FunctionCatalog.DefaultConnection, trigger.Connection);
        Assert.Equal("AzureWebJobsStorage", trigger.Connection);
    }

    [Fact]
    public void TimerTriggerGivesScheduleAndRunOnStartup()
    {
        Assert.Equal(
            new TimerTriggerDefinition("timer", SampleTimerFunctions.EverySecondSchedule, false),
            Function(SampleTimerFunctions.EverySecondName).Trigger);
        Assert.Equal(
            new TimerTriggerDefinition("timer", SampleTimerFunctions.YearlySchedule, true),
            Function(SampleTimerFunctions.StartupName).Trigger);
    }

    [Fact]
    public void InternalTypesAreNotDiscovered() =>
        Assert.DoesNotContain(_functions, f => f.Name is NoTriggerSample.Name or DuplicateNameSampleA.Name);
}
