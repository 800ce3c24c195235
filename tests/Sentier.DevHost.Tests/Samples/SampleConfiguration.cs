using Microsoft.Extensions.Configuration;

namespace Sentier.DevHost.Tests.Samples;

public static class SampleConfiguration
{
    public static IConfiguration From(IReadOnlyDictionary<string, string> values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    /// <summary>Every setting the samples reference, with fixed values.</summary>
    public static IConfiguration ForSamples() => From(new Dictionary<string, string>
    {
        [SampleQueueFunctions.RecordQueueSetting] = "record-queue",
        [SampleQueueFunctions.FailingQueueSetting] = "failing-queue",
        [SampleQueueFunctions.FlakyQueueSetting] = "flaky-queue",
        [SampleQueueFunctions.PocoQueueSetting] = "poco-queue",
        [SampleQueueFunctions.BatchQueueSetting] = "batch-queue",
        [SampleQueueFunctions.GatedQueueSetting] = "gated-queue",
        [SampleTimerFunctions.StartupScheduleSetting] = SampleTimerFunctions.YearlySchedule,
    });
}
