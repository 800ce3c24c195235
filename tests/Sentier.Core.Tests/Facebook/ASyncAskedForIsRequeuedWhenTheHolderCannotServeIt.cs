using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A sync asked for while another worker holds the form is not dropped when that worker lets go
/// without serving it: throttled (the request waits out the back-off in the queue) or out of rounds.
/// </summary>
public sealed class ASyncAskedForIsRequeuedWhenTheHolderCannotServeIt
{
    [Fact]
    public async Task A_holder_that_is_throttled_requeues_the_request_after_the_back_off()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        h.Graph.BeforeLeadsPage = async (_, _, _) =>
        {
            holding.TrySetResult();
            await release.Task;
        };

        var running = h.SyncAsync();
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(SyncOutcome.Busy, await h.SyncAsync());
        h.Graph.ThrottledForms[FacebookHarness.FormId] = 7;
        release.SetResult();

        Assert.Equal(SyncOutcome.Throttled, await running);
        Assert.False((await h.FormAsync()).ResyncRequested);
        Assert.Equal(1, (await h.Queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await h.Queue.Queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task A_holder_asked_again_in_every_round_requeues_the_last_request()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        h.AddLeads(5, DateTimeOffset.UtcNow.AddMinutes(-2));
        h.Graph.BeforeLeadsPage = async (_, _, _) => Assert.Equal(SyncOutcome.Busy, await h.SyncAsync());

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        Assert.Equal(10, h.Graph.LeadsRequests(FacebookHarness.FormId));
        var form = await h.FormAsync();
        Assert.Null(form.LeaseOwner);
        Assert.False(form.ResyncRequested);
        var message = Assert.Single((await h.Queue.Queue.PeekMessagesAsync(10)).Value);
        Assert.Equal((h.AccountId, FacebookHarness.FormId), FacebookSyncQueue.Read(message.Body) is var work ? (work.AccountId, work.FormId) : default);
    }
}
