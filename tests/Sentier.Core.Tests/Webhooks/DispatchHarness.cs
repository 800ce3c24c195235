using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The dispatcher wired by hand for one fresh account: contacts whose commits mark and nudge
/// (<see cref="ChangeNudges"/>) into a marker table and a nudge queue of the test's own, so no
/// dispatcher of another test process sees them; the delivery pipeline of <see cref="DeliveryHarness"/>;
/// and the dispatcher and sweep on the contacts' fake clock. Not a test class.
/// </summary>
internal sealed class DispatchHarness
{
    private DispatchHarness(DeliveryHarness deliveries, ContactHarness contacts, OutboxAccounts markers, OutboxNudgeQueue nudges, TableServiceClient? tables)
    {
        Deliveries = deliveries;
        Markers = markers;
        NudgeQueue = nudges;
        Options = Microsoft.Extensions.Options.Options.Create(new ChangeDispatchOptions());
        Nudges = new ChangeNudges(markers, nudges, Options, contacts.Time, NullLogger<ChangeNudges>.Instance);
        Contacts = contacts.Observed(deliveries.AccountId, Nudges);
        Dispatcher = NewDispatcher(tables);
        Outbox = new ChangeOutbox(Contacts.Store, markers, Contacts.Time);
        Sweep = new OutboxSweep(markers, Outbox, Dispatcher, Options, Contacts.Time, NullLogger<OutboxSweep>.Instance);
    }

    public DeliveryHarness Deliveries { get; }

    /// <summary>The account's contact services; their commits go through <see cref="Nudges"/>.</summary>
    public ContactHarness Contacts { get; }

    public string AccountId => Deliveries.AccountId;

    public OutboxAccounts Markers { get; }

    public OutboxNudgeQueue NudgeQueue { get; }

    public IOptions<ChangeDispatchOptions> Options { get; }

    public ChangeNudges Nudges { get; }

    public ChangeDispatcher Dispatcher { get; }

    public ChangeOutbox Outbox { get; }

    public OutboxSweep Sweep { get; }

    /// <param name="nudgesLost">The nudge queue does not exist, so every nudge fails after its commit.</param>
    /// <param name="dispatcherTables">Storage as the dispatcher reaches it (a <c>StorageTraffic</c> client), if not the test's own.</param>
    public static async Task<DispatchHarness> CreateAsync(bool nudgesLost = false, TableServiceClient? dispatcherTables = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var markers = TestStorage.Tables().GetTableClient("outbox" + suffix);
        await markers.CreateIfNotExistsAsync();
        var nudges = TestStorage.Queues().GetQueueClient("nudges-" + suffix);
        if (!nudgesLost)
        {
            await nudges.CreateIfNotExistsAsync();
        }

        return new DispatchHarness(
            await DeliveryHarness.CreateAsync("0"), await ContactHarness.CreateAsync(), new OutboxAccounts(markers), new OutboxNudgeQueue(nudges), dispatcherTables);
    }

    /// <summary>Another instance's dispatcher on the same account and storage (its own pass coalescing).</summary>
    public ChangeDispatcher NewDispatcher(TableServiceClient? tables = null)
    {
        var contacts = tables is null ? Contacts : Contacts.AnotherInstance(tables);
        return new ChangeDispatcher(
            new ChangeOutbox(contacts.Store, Markers, Contacts.Time), contacts.GroupStore, Deliveries.Webhooks.Service, Deliveries.Service, Contacts.Time,
            NullLogger<ChangeDispatcher>.Instance);
    }

    /// <summary>A subscription to every event type, at <paramref name="url"/>.</summary>
    public async Task<(WebhookSubscription Subscription, string Secret)> SubscribeAsync(Uri url, params string[] eventTypes) =>
        await Deliveries.SubscribeAsync(url, new
        {
            url = url.ToString(),
            event_type = (string?)null,
            event_types = eventTypes.Length > 0 ? eventTypes : WebhookEventTypes.Subscribable.Select(WebhookEventTypes.Name).ToArray(),
        });

    public Task<List<TableEntity>> RecordsAsync() => Contacts.ReadRowsAsync(ContactKeys.ChangePrefix);

    public Task<List<TableEntity>> TombstonesAsync() => Contacts.ReadRowsAsync(ContactKeys.DispatchedPrefix);

    /// <summary>The subscription's deliveries, newest first.</summary>
    public async Task<List<WebhookDelivery>> DeliveriesOfAsync(WebhookSubscription subscription) =>
        [.. (await Deliveries.Store.ListAsync(AccountId, subscription.Id, null, ContactHarness.Page(1, 1000), CancellationToken.None)).Items];

    /// <summary>The event types of the subscription's deliveries, sorted.</summary>
    public async Task<List<string>> DeliveredTypesAsync(WebhookSubscription subscription) =>
        [.. (await DeliveriesOfAsync(subscription)).Select(delivery => delivery.EventType).Order(StringComparer.Ordinal)];

    /// <summary>The accounts the nudges on the queue name, taken off the queue.</summary>
    public async Task<List<string>> TakeNudgesAsync()
    {
        var accounts = new List<string>();
        while ((await NudgeQueue.Queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } received)
        {
            foreach (var message in received)
            {
                accounts.Add(OutboxNudgeQueue.Read(message.Body));
                await NudgeQueue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return accounts;
    }

    /// <summary>The payload of each request the receiver got, by <c>webhook-id</c>.</summary>
    public static ILookup<string, JsonElement> ByWebhookId(LoopbackReceiver receiver) =>
        receiver.Requests.ToLookup(request => request.Headers["webhook-id"], request => JsonDocument.Parse(request.Body).RootElement);
}
