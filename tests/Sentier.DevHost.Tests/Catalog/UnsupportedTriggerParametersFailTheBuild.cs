using Microsoft.AspNetCore.Builder;
using Sentier.DevHost.Hosting;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>
/// A queue or timer function with a parameter its trigger cannot supply is refused when the
/// DevHost is built, naming the function and the parameter, not when the first message or
/// occurrence arrives (which would only log an error, message after message).
/// </summary>
public sealed class UnsupportedTriggerParametersFailTheBuild
{
    // The Facebook poller's schedule is a setting the Functions host must resolve; the DevHost as well.
    private static readonly string[] Args = ["--urls", "http://127.0.0.1:0", "--Facebook:PollSchedule", "0 */5 * * * *"];

    [Theory]
    [InlineData(typeof(QueueExtraParameterSample), QueueExtraParameterSample.Name)]
    [InlineData(typeof(TimerExtraParameterSample), TimerExtraParameterSample.Name)]
    public void ExtraParameterIsNotSupported(Type sample, string functionName)
    {
        var error = Assert.Throws<NotSupportedException>(() => DevHostApplication.Build(Args, new TypeSubsetAssembly(sample)));

        Assert.Contains(functionName, error.Message, StringComparison.Ordinal);
        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(QueueSupportedParametersSample))]
    [InlineData(typeof(TimerSupportedParametersSample))]
    public async Task TriggerAndCancellationTokenAreSupported(Type sample)
    {
        WebApplication app = DevHostApplication.Build(Args, new TypeSubsetAssembly(sample));
        await app.DisposeAsync();
    }
}
