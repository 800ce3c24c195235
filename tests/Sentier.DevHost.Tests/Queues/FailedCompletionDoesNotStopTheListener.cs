using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Queues;

/// <summary>
/// Completing a message can fail in storage (here: the queue is cleared while the function runs,
/// so deleting the message finds nothing). That is logged; the listener, and the host, carry on and
/// later messages are still processed.
/// </summary>
[Collection(SampleHostCollection.Name)]
public sealed class FailedCompletionDoesNotStopTheListener
{
    [Fact]
    public async Task AMessageSentAfterTheFailureIsProcessed()
    {
        await using var host = await SampleHost.StartAsync();
        var queue = SampleHost.Queue(host.GatedQueue);
        var held = $"{host.RunId}|held";
        var after = $"{host.RunId}|after";
        var gate = SampleQueueFunctions.Gates[held] = new SampleGate();

        await queue.SendMessageAsync(held);
        await gate.Entered.WaitAsync(Eventually.DefaultTimeout);
        await queue.ClearMessagesAsync();
        Assert.Equal(0, await queue.CountAsync());
        gate.Open();

        await queue.SendMessageAsync(after);

        await Eventually.TrueAsync(() => SampleQueueFunctions.Gated.Count(after) == 1, "the message sent after the failed completion to be processed");
        await Eventually.TrueAsync(async () => await queue.CountAsync() == 0, "that message to be deleted");
        Assert.Equal(1, SampleQueueFunctions.Gated.Count(held));
        Assert.Equal(0, await SampleHost.Poison(host.GatedQueue).CountAsync());
        Assert.False(host.Server.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "The host is stopping.");
    }
}
