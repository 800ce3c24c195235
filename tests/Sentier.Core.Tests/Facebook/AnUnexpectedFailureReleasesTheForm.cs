using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A sync that stops on an exception nobody planned for gives the form's lease back, says why in
/// <c>last_error</c> (the type, no message) and ends as Failed: the queue does not retry it (and
/// poison it) at every poll, the next poll is the retry.
/// </summary>
public sealed class AnUnexpectedFailureReleasesTheForm
{
    [Fact]
    public async Task The_lease_is_released_with_last_error_and_the_sync_ends_failed_without_throwing()
    {
        var clock = new FailingClock();
        await using var h = await FacebookHarness.CreateAsync(services => services.AddSingleton<TimeProvider>(clock));
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.BeforeLeadsPage = (_, _, _) =>
        {
            clock.Failing = true;
            return Task.CompletedTask;
        };

        Assert.Equal(SyncOutcome.Failed, await h.SyncAsync());

        clock.Failing = false;
        var form = await h.FormAsync();
        Assert.Null(form.LeaseOwner);
        Assert.Null(form.CheckpointUnix);
        Assert.Contains(nameof(ClockBrokeException), form.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", form.LastError, StringComparison.Ordinal);

        h.Graph.BeforeLeadsPage = null;
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());
        Assert.Equal(5, (await h.FormAsync()).Tally.Imported);
    }

    /// <summary>The system clock, until told to fail: then every reading throws.</summary>
    private sealed class FailingClock : TimeProvider
    {
        public volatile bool Failing;

        public override DateTimeOffset GetUtcNow() => Failing ? throw new ClockBrokeException() : base.GetUtcNow();
    }

    private sealed class ClockBrokeException() : Exception("secret detail");
}
