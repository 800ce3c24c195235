using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Groups;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Turns an account's change records into webhook deliveries. A pass reads the records that exist
/// (<see cref="ChangeOutbox"/>), makes their events (<see cref="WebhookEvents"/>), enqueues one
/// delivery per event and active subscription that takes its type, and only once every delivery of
/// a record is enqueued retires the record. Any failure leaves the records in place for the next
/// pass, which makes the same events with the same ids and finds the deliveries already enqueued
/// (<see cref="WebhookDeliveryService.EnqueueManyAsync"/>): a record is dispatched at least once,
/// and each event reaches each subscription as one delivery. A record whose deliveries were found
/// still waiting for their first message is kept for a later pass until they move on or their
/// message is presumed lost and sent again (<see cref="WebhookDeliveryService.MessageLostAfter"/>).
/// A record that cannot be read or evented is moved aside (<see cref="ChangeOutbox.QuarantineAsync"/>).
/// Records from before events existed (no revisions) are retired without events.
/// </summary>
public sealed class ChangeDispatcher(
    ChangeOutbox outbox, GroupStore groups, WebhookService webhooks, WebhookDeliveryService deliveries, TimeProvider clock,
    ILogger<ChangeDispatcher> logger)
{
    /// <summary>Records read and evented together; their group names are read at once.</summary>
    private const int RecordsPerChunk = 50;

    /// <summary>
    /// Deliveries built and enqueued together, at most (one record's may exceed it): an import's
    /// record raises events for hundreds of contacts, each for every subscription that takes its type,
    /// so a chunk's records are enqueued and retired in batches of about this many deliveries.
    /// </summary>
    public const int DeliveriesPerBatch = 2000;

    private readonly PassCoalescer _passes = new();

    /// <summary>
    /// Dispatches every record of the account (the nudge's prompt path). Requests for one account
    /// that arrive while a pass runs on this instance share the one pass that starts after it,
    /// which still sees every record committed before they were made.
    /// </summary>
    public Task DispatchAsync(string accountId, CancellationToken cancellationToken) =>
        _passes.RunAsync(accountId, () => PassAsync(accountId, null, cancellationToken));

    /// <summary>One pass over the account's records (those made before <paramref name="madeBefore"/>, if given); how many it retired.</summary>
    public async Task<int> PassAsync(string accountId, DateTimeOffset? madeBefore, CancellationToken cancellationToken)
    {
        var pass = new Pass(accountId);
        var chunk = new List<TableEntity>(RecordsPerChunk);
        var retired = 0;
        await foreach (var row in outbox.RecordsAsync(accountId, madeBefore, RecordsPerChunk, cancellationToken))
        {
            chunk.Add(row);
            if (chunk.Count == RecordsPerChunk)
            {
                retired += await DispatchChunkAsync(pass, chunk, cancellationToken);
                chunk.Clear();
            }
        }

        return retired + (chunk.Count > 0 ? await DispatchChunkAsync(pass, chunk, cancellationToken) : 0);
    }

    private async Task<int> DispatchChunkAsync(Pass pass, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var records = new List<(TableEntity Row, ChangeRecord Record)>(rows.Count);
        foreach (var row in rows)
        {
            if (await ReadOrQuarantineAsync(pass, row, () => ChangeRecord.FromEntity(row), cancellationToken) is { } record)
            {
                records.Add((row, record));
            }
        }

        var groupIds = records.SelectMany(record => record.Record.Revisions)
            .SelectMany(revision => revision.GroupsAdded.Concat(revision.GroupsRemoved));
        await pass.ReadGroupNamesAsync(groupIds, groups, cancellationToken);

        var retired = 0;
        var batch = new List<(string Key, IReadOnlyList<WebhookEvent> Events)>();
        var batchDeliveries = 0;
        foreach (var (row, record) in records)
        {
            var events = await ReadOrQuarantineAsync(pass, row, () => WebhookEvents.From(
                pass.AccountId, row.RowKey, new ChangeContext(record.Source, record.AppId), record.At, record.Revisions, pass.GroupNames), cancellationToken);
            if (events is null)
            {
                continue;
            }

            var receivers = events.Count > 0 ? await pass.ReceiversAsync(webhooks, cancellationToken) : null;
            var count = receivers is null ? 0 : events.Sum(evt => receivers[evt.Type].Count());
            if (batch.Count > 0 && batchDeliveries + count > DeliveriesPerBatch)
            {
                retired += await DispatchBatchAsync(pass, batch, cancellationToken);
                batch.Clear();
                batchDeliveries = 0;
            }

            batch.Add((row.RowKey, events));
            batchDeliveries += count;
        }

        return retired + (batch.Count > 0 ? await DispatchBatchAsync(pass, batch, cancellationToken) : 0);
    }

    /// <summary>
    /// Enqueues the records' deliveries, then retires the records, but for those with a delivery an
    /// earlier pass made that still waits for its first message: its message may have been lost
    /// between row and message, and only a later pass (after <see cref="WebhookDeliveryService.MessageLostAfter"/>)
    /// sends it again.
    /// </summary>
    private async Task<int> DispatchBatchAsync(Pass pass, List<(string Key, IReadOnlyList<WebhookEvent> Events)> batch, CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        if (batch.Any(record => record.Events.Count > 0))
        {
            var receivers = await pass.ReceiversAsync(webhooks, cancellationToken);
            var now = clock.GetUtcNow();
            var recordOf = batch.SelectMany(record => record.Events.Select(evt => (evt.Id, record.Key))).ToDictionary(pair => pair.Id, pair => pair.Key, StringComparer.Ordinal);
            var stored = await deliveries.EnqueueManyAsync([.. batch.SelectMany(record => record.Events)
                .SelectMany(evt => receivers[evt.Type].Select(subscription => NewDelivery(pass.AccountId, subscription, evt, now)))
                .OfType<WebhookDelivery>()], cancellationToken);
            held.UnionWith(stored.Where(delivery => WebhookDeliveryService.AwaitsFirstMessage(delivery) && delivery.Created < now)
                .Select(delivery => recordOf[delivery.EventId]));
        }

        var retiring = batch.Select(record => record.Key).Where(key => !held.Contains(key)).ToList();
        await outbox.RetireAsync(pass.AccountId, retiring, cancellationToken);
        return retiring.Count;
    }

    /// <summary>
    /// <paramref name="read"/>'s answer, or null once the record is quarantined: whatever a record
    /// holds that the code does not expect (a property of the wrong type, a null contact) must not
    /// fail its chunk on every pass, holding back the account's later records and its mark forever.
    /// Only the key is logged: the record holds contacts' data.
    /// </summary>
    private async Task<T?> ReadOrQuarantineAsync<T>(Pass pass, TableEntity row, Func<T> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Change record {RowKey} of account {AccountId} cannot be dispatched ({Error} at {Site}); it is moved to {QuarantineKey}",
                row.RowKey, pass.AccountId, ex.GetType().Name, ex.TargetSite?.Name, ContactKeys.Quarantined(row.RowKey));
            await outbox.QuarantineAsync(row, cancellationToken);
            return null;
        }
    }

    /// <summary>The delivery, or null (logged) for an event beyond the payload limit, which must not hold back the record forever.</summary>
    private WebhookDelivery? NewDelivery(string accountId, WebhookSubscription subscription, WebhookEvent evt, DateTimeOffset now)
    {
        try
        {
            return WebhookDeliveryService.NewDelivery(accountId, subscription, evt.Envelope, now);
        }
        catch (InvalidRequestException ex)
        {
            logger.LogError("Event {EventId} of account {AccountId} was not enqueued for webhook {WebhookId}: {Reason}", evt.Id, accountId, subscription.Id, ex.Message);
            return null;
        }
    }

    /// <summary>What one pass reads once: the account's receivers and the names of the groups its records name.</summary>
    private sealed class Pass(string accountId)
    {
        private readonly Dictionary<long, string> _groupNames = [];
        private readonly HashSet<long> _groupsRead = [];
        private ILookup<WebhookEventType, WebhookSubscription>? _receivers;

        public string AccountId => accountId;

        /// <summary>Groups deleted since their records were made have no name here.</summary>
        public IReadOnlyDictionary<long, string> GroupNames => _groupNames;

        public async Task<ILookup<WebhookEventType, WebhookSubscription>> ReceiversAsync(WebhookService webhooks, CancellationToken cancellationToken) =>
            _receivers ??= await webhooks.ReceiversAsync(accountId, cancellationToken);

        public async Task ReadGroupNamesAsync(IEnumerable<long> groupIds, GroupStore groups, CancellationToken cancellationToken)
        {
            var unread = groupIds.Where(_groupsRead.Add).ToList();
            var names = await Task.WhenAll(unread.Select(groupId => groups.FindNameAsync(accountId, groupId, cancellationToken)));
            for (var i = 0; i < unread.Count; i++)
            {
                if (names[i] is { } name)
                {
                    _groupNames[unread[i]] = name;
                }
            }
        }
    }

    /// <summary>
    /// At most one pass per account runs on this instance, and at most one waits behind it: a
    /// request that finds one waiting joins it (it has not started, so it will see the request's
    /// records), and the request that made it runs it once the running pass ends.
    /// </summary>
    private sealed class PassCoalescer
    {
        private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);

        public async Task RunAsync(string key, Func<Task> pass)
        {
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            TaskCompletionSource? joined = null;
            Task? before = null;
            Slot slot;
            lock (_slots)
            {
                if (!_slots.TryGetValue(key, out slot!))
                {
                    _slots[key] = slot = new Slot();
                }

                if (slot.Waiting is { } waiting)
                {
                    joined = waiting;
                }
                else if (slot.Running is { } running)
                {
                    before = running;
                    slot.Waiting = mine;
                }
                else
                {
                    slot.Running = mine.Task;
                }
            }

            if (joined is not null)
            {
                await joined.Task;
                return;
            }

            if (before is not null)
            {
                await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                lock (_slots)
                {
                    slot.Running = mine.Task;
                    slot.Waiting = null;
                }
            }

            try
            {
                await pass();
                mine.SetResult();
            }
            catch (Exception ex)
            {
                mine.SetException(ex);

                // Observed here: the caller hears of it by the throw, and joiners by their await.
                _ = mine.Task.Exception;
                throw;
            }
            finally
            {
                lock (_slots)
                {
                    // The waiter's continuation may have taken the slot over already (it runs
                    // asynchronously, perhaps before this): then the slot is the waiter's to remove.
                    if (_slots.TryGetValue(key, out var current) && current == slot && slot.Running == mine.Task && slot.Waiting is null)
                    {
                        _slots.Remove(key);
                    }
                }
            }
        }

        private sealed class Slot
        {
            public Task? Running { get; set; }

            public TaskCompletionSource? Waiting { get; set; }
        }
    }
}
