using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A lead Meta's webhook names, outside the sync's window, whose direct read fails (Graph not
/// showing it yet, an outage) goes back to the queue in a delayed message of its own, up to
/// <see cref="FacebookFormSync.MaxDirectReadAttempts"/> tries, and is then recorded as skipped with the reason.
/// </summary>
public sealed class ANamedLeadThatCannotBeStoredYetIsTriedAgain
{
    private const string LateLead = "3900000002";

    [Fact]
    public async Task A_lead_Graph_does_not_show_yet_comes_back_after_a_minute_and_lands()
    {
        var (h, queue, formId, work) = await NotifiedOfALateLeadAsync();
        await using var _ = h;
        h.Graph.Faults.Enqueue(new FakeFault("/" + LateLead, 1, 400, 100, message: "Object does not exist yet"));

        Assert.Equal(SyncOutcome.Completed, await h.Sync.SyncAsync(work, CancellationToken.None));

        Assert.Null(await h.ContactAsync("late@example.com"));
        var again = (await h.ReceiveAsync())!;
        Assert.Equal((1, LateLead), (again.Attempt, Assert.Single(again.Leads!).Id));
        Assert.Equal(FacebookFormSync.DirectReadRetryDelay(0), Assert.Single(queue.Delays));

        Assert.Equal(SyncOutcome.Completed, await h.Sync.SyncAsync(again, CancellationToken.None));
        Assert.NotNull(await h.ContactAsync("late@example.com"));
        Assert.Equal(4, (await h.FormAsync(formId)).Tally.Imported);
        Assert.Empty((await h.Queue.Queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task A_lead_that_fails_every_try_is_recorded_as_skipped_with_the_reason_after_the_last()
    {
        var (h, queue, formId, work) = await NotifiedOfALateLeadAsync();
        await using var _ = h;
        h.Graph.Faults.Enqueue(new FakeFault("/" + LateLead, 100, 400, 100, message: "Object does not exist yet"));

        for (var attempt = 0; attempt < FacebookFormSync.MaxDirectReadAttempts; attempt++)
        {
            Assert.Equal(attempt, work.Attempt);
            await h.Sync.SyncAsync(work, CancellationToken.None);
            if (attempt < FacebookFormSync.MaxDirectReadAttempts - 1)
            {
                work = (await h.ReceiveAsync())!;
            }
        }

        Assert.Empty((await h.Queue.Queue.PeekMessagesAsync(10)).Value);
        Assert.Equal([1, 5, 15, 15], queue.Delays.Select(delay => delay!.Value.TotalMinutes));
        var record = Assert.Single(await h.LeadRecordsAsync(formId), record => record.LeadId == LateLead);
        Assert.Null(record.ContactId);
        Assert.Contains("5 tries", record.SkipReason, StringComparison.Ordinal);
        Assert.Equal((3, 1), ((await h.FormAsync(formId)).Tally.Imported, (await h.FormAsync(formId)).Tally.Skipped));
    }

    [Fact]
    public async Task A_storage_failure_while_storing_sends_the_lead_back_instead_of_failing_the_message()
    {
        var (h, queue, formId, work) = await NotifiedOfALateLeadAsync();
        await using var _ = h;
        // The Page's stored token no longer decrypts (a rotated key): revealing it throws.
        var connection = (await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None))!;
        await h.Connections.UpsertAsync(connection with { ProtectedToken = "not-a-protected-token" }, CancellationToken.None);

        await h.Sync.SyncAsync(work, CancellationToken.None);

        var again = (await h.ReceiveAsync())!;
        Assert.Equal((1, LateLead), (again.Attempt, Assert.Single(again.Leads!).Id));
        Assert.Null(await h.ContactAsync("late@example.com"));
        Assert.DoesNotContain(LateLead, (await h.LeadRecordsAsync(formId)).Select(record => record.LeadId));
    }

    /// <summary>A form with 3 leads synced, a lead created 40 minutes ago that Graph shows only now, and the webhook's message naming it.</summary>
    private static async Task<(FacebookHarness H, DelaysNotedQueueClient Queue, string FormId, FacebookSyncMessage Work)> NotifiedOfALateLeadAsync()
    {
        var queue = new DelaysNotedQueueClient("facebook-sync-test-" + Guid.NewGuid().ToString("N")[..12]);
        var h = await FacebookHarness.CreateAsync(services => services.AddSingleton(new FacebookSyncQueue(queue)));
        var formId = await h.NewSyncedFormAsync();
        var now = DateTimeOffset.UtcNow;
        h.AddLeads(3, now.AddMinutes(-1), formId: formId);
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync(formId));
        h.Graph.AddLead(formId, LateLead, now.AddMinutes(-40), FakeGraphApi.Answers(("email", "late@example.com")));

        var work = await h.NotifyAsync(formId, LateLead, now.AddMinutes(-40).ToUnixTimeSeconds());
        queue.Delays.Clear();
        return (h, queue, formId, work);
    }
}

/// <summary>
/// The test's sync queue on Azurite, where a message sent with a delay is visible at once and its
/// delay is noted, so a test reads a message sent back for minutes later without waiting for it.
/// </summary>
internal sealed class DelaysNotedQueueClient(string queueName)
    : QueueClient(TestStorage.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
{
    public ConcurrentQueue<TimeSpan?> Delays { get; } = new();

    public override Task<Response<SendReceipt>> SendMessageAsync(BinaryData message, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        Delays.Enqueue(visibilityTimeout);
        return base.SendMessageAsync(message, visibilityTimeout: null, timeToLive, cancellationToken);
    }
}
