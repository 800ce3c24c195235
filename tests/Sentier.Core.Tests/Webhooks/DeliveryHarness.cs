using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// The delivery pipeline wired by hand for one fresh account: subscriptions (<see cref="WebhookHarness"/>),
/// the delivery table, a queue of the test's own on the test Azurite, and the step that the queue
/// function calls, run here message by message in place of the trigger.
/// </summary>
internal sealed class DeliveryHarness
{
    private DeliveryHarness(WebhookHarness webhooks, QueueClient queue, string retrySchedule, WebhookOptions options, TimeProvider clock, ILogger<WebhookDeliveryStep> logger)
    {
        Webhooks = webhooks;
        Clock = clock;
        Queue = new WebhookDeliveryQueue(queue);
        Store = new WebhookDeliveryStore(webhooks.Tables);
        Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        Metrics = new SentierMetrics(Meters);
        Service = new WebhookDeliveryService(Store, Queue, webhooks.Service, Options.Create(options), Metrics, clock);
        _newStep = () => new WebhookDeliveryStep(
            Store, Queue, webhooks.Store, webhooks.Service, webhooks.Sender, RetrySchedule.Parse(retrySchedule), Options.Create(options), Metrics, clock,
            logger);
        Step = _newStep();
    }

    private readonly Func<WebhookDeliveryStep> _newStep;

    /// <summary>The step of another instance of the app: its own attempt slots and in-flight messages, the same storage and queue.</summary>
    public WebhookDeliveryStep AnotherInstancesStep() => _newStep();

    public WebhookHarness Webhooks { get; }

    /// <summary>The deliveries' clock, which also dates the harness's events (delivery keys follow the event's time).</summary>
    public TimeProvider Clock { get; }

    public string AccountId => Webhooks.AccountId;

    public WebhookDeliveryQueue Queue { get; }

    public WebhookDeliveryStore Store { get; }

    /// <summary>The factory behind <see cref="Metrics"/>, for listening to this harness's measurements only.</summary>
    public IMeterFactory Meters { get; }

    public SentierMetrics Metrics { get; }

    public WebhookDeliveryService Service { get; }

    public WebhookDeliveryStep Step { get; }

    /// <param name="retrySchedule">Seconds before each retry; zeros make every retry visible at once.</param>
    /// <param name="options">Settings of the step (the bound per webhook, the attempt timeout); the defaults when null.</param>
    /// <param name="fakeClock">Deliveries run on the subscriptions' fake clock (<see cref="WebhookHarness.Time"/>) rather than the real one.</param>
    /// <param name="logger">Where the step logs; nowhere when null.</param>
    public static async Task<DeliveryHarness> CreateAsync(
        string retrySchedule = "0,0,0", WebhookOptions? options = null, bool fakeClock = false, ILogger<WebhookDeliveryStep>? logger = null)
    {
        var queue = TestStorage.Queues().GetQueueClient("deliveries-" + Guid.NewGuid().ToString("N")[..16]);
        await queue.CreateIfNotExistsAsync();
        var webhooks = await WebhookHarness.CreateAsync();
        return new DeliveryHarness(
            webhooks, queue, retrySchedule, options ?? new WebhookOptions(), fakeClock ? webhooks.Time : TimeProvider.System,
            logger ?? NullLogger<WebhookDeliveryStep>.Instance);
    }

    /// <summary>An event in the envelope's shape, about a contact with an email and a first name.</summary>
    public JsonObject Event(string? id = null, string type = "contact_change") => new()
    {
        ["id"] = id ?? "evt_" + Guid.NewGuid().ToString("N"),
        ["type"] = type,
        ["created"] = WebhookEvents.Created(Clock.GetUtcNow()),
        ["account_id"] = AccountId,
        ["source"] = "api",
        ["app_id"] = "app-1",
        ["data"] = new JsonObject { ["contact"] = new JsonObject { ["id"] = 7, ["email"] = "dana@example.com", ["first_name"] = "Dana" } },
    };

    public async Task<(WebhookSubscription Subscription, string Secret)> SubscribeAsync(Uri url, object? overrides = null)
    {
        var (subscription, secret) = await Webhooks.CreateAsync(overrides ?? new { url = url.ToString() });
        return (subscription, secret);
    }

    public Task<WebhookDelivery> EnqueueAsync(WebhookSubscription subscription, JsonObject? envelope = null) =>
        Service.EnqueueAsync(AccountId, subscription, envelope ?? Event(), CancellationToken.None);

    /// <summary>Enqueues <paramref name="count"/> events for the subscriptions together, as a dispatch pass does.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> EnqueueTogetherAsync(int count, params WebhookSubscription[] subscriptions) =>
        Service.EnqueueManyAsync(
            [.. subscriptions.SelectMany(subscription => Enumerable.Range(0, count)
                .Select(_ => WebhookDeliveryService.NewDelivery(AccountId, subscription, Event(), Clock.GetUtcNow())))],
            CancellationToken.None);

    public async Task<WebhookDelivery> ReadAsync(WebhookDelivery delivery) =>
        (await Store.FindAsync(AccountId, delivery.WebhookId, delivery.Id, CancellationToken.None))!;

    /// <summary>The next visible message, taken off the queue, or null.</summary>
    public async Task<(WebhookDeliveryMessage Message, QueueMessage Raw)?> TakeAsync()
    {
        var received = (await Queue.Queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).Value;
        if (received is not [var raw])
        {
            return null;
        }

        await Queue.Queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt);
        return (WebhookDeliveryQueue.Read(raw.Body), raw);
    }

    /// <summary>Handles visible messages as the trigger would, until none is left; how many it handled.</summary>
    public async Task<int> RunUntilIdleAsync(int limit = 50)
    {
        var handled = 0;
        while (handled < limit && await TakeAsync() is { } next)
        {
            await Step.ProcessAsync(next.Message, next.Raw.InsertedOn, CancellationToken.None);
            handled++;
        }

        return handled;
    }

    /// <summary>
    /// Hands <paramref name="record"/> every measurement of the named instruments on this harness's
    /// meter: the instrument, the value, and the <c>outcome</c> tag when there is one.
    /// </summary>
    public MeterListener Listen(Action<string, double, string?> record, params string[] instruments)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, Meters) && instruments.Contains(instrument.Name))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => record(instrument.Name, value, Outcome(tags)));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => record(instrument.Name, value, Outcome(tags)));
        listener.Start();
        return listener;
    }

    private static string? Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    public async Task<int> VisibleMessagesAsync() => (await Queue.Queue.PeekMessagesAsync(32)).Value.Length;
}
