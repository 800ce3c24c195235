using System.Text.Json;
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
/// and each event reaches each subscription as one delivery. Records from before events existed
/// (no revisions) are retired without events.
/// </summary>
public sealed class ChangeDispatcher(
    ChangeOutbox outbox, GroupStore groups, WebhookService webhooks, WebhookDeliveryService deliveries, TimeProvider clock,
    ILogger<ChangeDispatcher> logger)
{
    /// <summary>Records handled together: their deliveries share transactions, their retirement one transaction.</summary>
    private const int RecordsPerChunk = 50;

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
        var records = new List<(string Key, ChangeRecord Record)>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                records.Add((row.RowKey, ChangeRecord.FromEntity(row)));
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
            {
                // Kept for whoever investigates; it must not hold back the records after it.
                logger.LogError(ex, "Change record {RowKey} of account {AccountId} cannot be read; it is left in place", row.RowKey, pass.AccountId);
            }
        }

        var groupIds = records.SelectMany(record => record.Record.Revisions)
            .SelectMany(revision => revision.GroupsAdded.Concat(revision.GroupsRemoved));
        await pass.ReadGroupNamesAsync(groupIds, groups, cancellationToken);
        var events = records.SelectMany(record => WebhookEvents.From(
            pass.AccountId, record.Key, new ChangeContext(record.Record.Source, record.Record.AppId), record.Record.At, record.Record.Revisions,
            pass.GroupNames)).ToList();
        if (events.Count > 0)
        {
            var receivers = await pass.ReceiversAsync(webhooks, cancellationToken);
            await deliveries.EnqueueManyAsync([.. events.SelectMany(evt => receivers[evt.Type].Select(subscription => (evt, subscription)))
                .Select(pair => NewDelivery(pass.AccountId, pair.subscription, pair.evt))
                .OfType<WebhookDelivery>()], cancellationToken);
        }

        await outbox.RetireAsync(pass.AccountId, [.. records.Select(record => record.Key)], cancellationToken);
        return records.Count;
    }

    /// <summary>The delivery, or null (logged) for an event beyond the payload limit, which must not hold back the record forever.</summary>
    private WebhookDelivery? NewDelivery(string accountId, WebhookSubscription subscription, WebhookEvent evt)
    {
        try
        {
            return WebhookDeliveryService.NewDelivery(accountId, subscription, evt.Envelope, clock.GetUtcNow());
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
                    if (slot.Waiting is null)
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
