using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Security;

namespace Sentier.Core.Webhooks;

/// <summary>What <c>GET /api/webhooks</c> may filter on; null is no filter.</summary>
public sealed record WebhookFilter(WebhookEventType? EventType, bool? IsActive, WebhookTarget? Target)
{
    public static WebhookFilter None { get; } = new(null, null, null);

    /// <summary>ActiveTrail's query parameters <c>EventType</c>, <c>StateType</c> (active or inactive) and <c>TargetType</c> (api or zapier).</summary>
    public static WebhookFilter Parse(string? eventType, string? stateType, string? targetType) => new(
        eventType is null ? null : WebhookEventTypes.ParseSubscribable(eventType, "EventType"),
        stateType?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "active" or "1" => true,
            "inactive" or "0" => false,
            _ => throw new InvalidRequestException($"'StateType' '{MessageText.Clip(stateType)}' is not a state; use active or inactive."),
        },
        targetType is null ? null : WebhookDefinition.ParseTarget(targetType, "TargetType"));

    public bool Matches(WebhookSubscription subscription) =>
        (EventType is not { } type || subscription.EventTypes.Contains(type))
        && (IsActive is not { } active || subscription.IsActive == active)
        && (Target is not { } target || subscription.Target == target);
}

/// <summary>What a Test call reports: the ping's id and how the receiver answered.</summary>
public sealed record WebhookTestResult(string EventId, WebhookAttempt Attempt);

/// <summary>
/// Webhook subscriptions of an account (ActiveTrail's <c>/api/webhooks</c>), their signing secrets
/// and the Test ping. Secrets are kept encrypted (<see cref="SecretProtector"/>, bound to the account
/// and webhook id) and leave this class only from <see cref="CreateAsync"/>, <see cref="GetSecretAsync"/>,
/// <see cref="RotateSecretAsync"/> and <see cref="SigningSecrets"/>.
/// </summary>
public sealed class WebhookService(
    WebhookStore store, SecretProtector protector, WebhookSender sender, OutboundAddressPolicy policy, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string SecretPurpose = "webhook-secret";

    /// <summary>
    /// The contact a Test ping's <c>user_field</c> parameters read: made up, never one of the
    /// account's, so a test to a URL nobody has checked yet sends no one's data.
    /// </summary>
    public static readonly Contact SampleContact = new()
    {
        Id = 0,
        Email = "sample.contact@example.com",
        Sms = "+972500000000",
        Fields = new Dictionary<string, object> { ["first_name"] = "Sample", ["last_name"] = "Contact", ["city"] = "Tel Aviv" },
    };

    private readonly bool _allowHttp = options.Value.AllowHttp;
    private readonly TimeSpan _disableAfter = options.Value.DisableAfterFailing;

    /// <summary>Creates a subscription; the answer holds its signing secret, shown again only by <see cref="GetSecretAsync"/>.</summary>
    public async Task<(WebhookSubscription Subscription, string Secret)> CreateAsync(string accountId, JsonBody body, CancellationToken cancellationToken)
    {
        var definition = WebhookDefinition.Parse(body, _allowHttp, policy);
        var name = definition.Name ?? throw new InvalidRequestException("'name' is required.");
        var url = definition.Url ?? throw new InvalidRequestException("'url' is required.");
        var eventTypes = definition.EventTypes ?? throw new InvalidRequestException(
            $"'event_type' (one type) or 'event_types' (a list) is required; use {string.Join(", ", WebhookEventTypes.Subscribable.Select(WebhookEventTypes.Name))}.");
        var secret = WebhookSecret.Generate();
        var now = clock.GetUtcNow();
        var subscription = await store.AddAsync(accountId, id => new WebhookSubscription(
            accountId, id, name, url, eventTypes, definition.IsActive ?? true, HeaderParameterMask.Restore(definition.Parameters ?? [], []), definition.Target ?? WebhookTarget.Api,
            now, now, DisabledReason: null, Protect(secret, accountId, id), null, null), cancellationToken);
        return (subscription, secret);
    }

    public async Task<WebhookSubscription> GetAsync(string accountId, string webhookId, CancellationToken cancellationToken) =>
        await store.FindAsync(accountId, ParseId(webhookId), cancellationToken) ?? throw NotFound(webhookId);

    public Task<ItemPage<WebhookSubscription>> ListAsync(string accountId, WebhookFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        store.ListAsync(accountId, page, filter == WebhookFilter.None ? null : filter.Matches, cancellationToken);

    /// <summary>The account's subscriptions that receive each event type now (active, subscribed to it), from one read of its partition.</summary>
    public async Task<ILookup<WebhookEventType, WebhookSubscription>> ReceiversAsync(string accountId, CancellationToken cancellationToken) =>
        (await store.ListAllAsync(accountId, cancellationToken).ToListAsync(cancellationToken))
            .SelectMany(subscription => subscription.EventTypes.Where(subscription.Receives).Select(type => (type, subscription)))
            .ToLookup(pair => pair.type, pair => pair.subscription);

    /// <summary>
    /// Changes the fields the body gives and keeps the rest. <c>is_active: true</c> clears
    /// <c>disabled_reason</c> and the run of failures behind it: the owner has seen why and turns it back on.
    /// A header value sent back masked, as reads show it, keeps the stored value (<see cref="HeaderParameterMask"/>).
    /// </summary>
    public async Task<WebhookSubscription> UpdateAsync(string accountId, string webhookId, JsonBody body, CancellationToken cancellationToken)
    {
        var definition = WebhookDefinition.Parse(body, _allowHttp, policy);
        return await ChangeAsync(accountId, webhookId, current => current with
        {
            Name = definition.Name ?? current.Name,
            Url = definition.Url ?? current.Url,
            EventTypes = definition.EventTypes ?? current.EventTypes,
            IsActive = definition.IsActive ?? current.IsActive,
            DisabledReason = definition.IsActive == true ? null : current.DisabledReason,
            FailingSince = definition.IsActive == true ? null : current.FailingSince,
            Parameters = definition.Parameters is { } parameters ? HeaderParameterMask.Restore(parameters, current.Parameters) : current.Parameters,
            Target = definition.Target ?? current.Target,
            Updated = clock.GetUtcNow(),
        }, cancellationToken);
    }

    /// <summary>Turns the subscription off on the system's behalf (a 410), saying why.</summary>
    public Task<WebhookSubscription> DisableAsync(string accountId, long webhookId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(accountId, webhookId.ToString(CultureInfo.InvariantCulture),
            current => current with { IsActive = false, DisabledReason = MessageText.Clip(reason, 512), Updated = clock.GetUtcNow() }, cancellationToken);

    /// <summary>
    /// Deletes the subscription. Deleting one that this account had and already deleted succeeds
    /// again (a client repeating a delete whose answer it lost sees success); an id the account
    /// never had is 404.
    /// </summary>
    public async Task DeleteAsync(string accountId, string webhookId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(accountId, ParseId(webhookId), cancellationToken))
        {
            throw NotFound(webhookId);
        }
    }

    /// <summary>
    /// Keeps the run of failed attempts behind auto-disable: a failure after a success starts it,
    /// a success ends it, and a failure once it is <see cref="WebhookOptions.DisableAfterFailingDays"/>
    /// old disables the webhook. Writes only when the run starts or ends or the webhook is disabled;
    /// concurrent attempts re-read under the ETag and agree.
    /// </summary>
    /// <returns>The subscription as it is now.</returns>
    public async Task<WebhookSubscription> RecordAttemptAsync(WebhookSubscription subscription, bool delivered, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (delivered ? subscription.FailingSince is null : subscription.FailingSince is { } since && at - since < _disableAfter)
        {
            return subscription;
        }

        return await ChangeAsync(subscription.AccountId, subscription.Id.ToString(CultureInfo.InvariantCulture), current =>
        {
            if (delivered)
            {
                return current.FailingSince is null ? current : current with { FailingSince = null };
            }

            if (current.FailingSince is not { } failingSince)
            {
                return current with { FailingSince = at };
            }

            return !current.IsActive || at - failingSince < _disableAfter
                ? current
                : current with
                {
                    IsActive = false,
                    DisabledReason = $"Every delivery attempt has failed since {ApiDates.Format(failingSince)} UTC; disabled at {ApiDates.Format(at)} UTC. " +
                        $"Fix the receiver, turn the webhook back on with is_active: true, then send what failed again with POST /api/webhooks/{current.Id}/recover?since={ApiDates.Format(failingSince)}.",
                    Updated = clock.GetUtcNow(),
                };
        }, cancellationToken);
    }

    /// <summary>The current signing secret, in clear.</summary>
    public async Task<string> GetSecretAsync(string accountId, string webhookId, CancellationToken cancellationToken) =>
        SigningSecrets(await GetAsync(accountId, webhookId, cancellationToken))[0];

    /// <summary>
    /// Issues a new secret. The one it replaces keeps signing, after the new one, for
    /// <see cref="WebhookSubscription.RotationOverlap"/>: receivers that still verify with it keep working meanwhile.
    /// </summary>
    public async Task<string> RotateSecretAsync(string accountId, string webhookId, CancellationToken cancellationToken)
    {
        var secret = WebhookSecret.Generate();
        await ChangeAsync(accountId, webhookId, current =>

            // Already in place when this is a repeat of a rotation whose answer was lost: rotating
            // again would make the new secret its own predecessor and drop the old one at once.
            SigningSecrets(current)[0] == secret
                ? current
                : current with
                {
                    ProtectedSecret = Protect(secret, accountId, current.Id),
                    ProtectedPreviousSecret = current.ProtectedSecret,
                    PreviousSecretExpires = clock.GetUtcNow() + WebhookSubscription.RotationOverlap,
                    Updated = clock.GetUtcNow(),
                }, cancellationToken);
        return secret;
    }

    /// <summary>The secrets to sign with now, current first: two within a day of a rotation, else one.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookSubscription subscription)
    {
        var id = subscription.Id.ToString(CultureInfo.InvariantCulture);
        var current = protector.Unprotect(subscription.ProtectedSecret, SecretPurpose, subscription.AccountId, id);
        return subscription is { ProtectedPreviousSecret: { } previous, PreviousSecretExpires: { } expires } && expires > clock.GetUtcNow()
            ? [current, protector.Unprotect(previous, SecretPurpose, subscription.AccountId, id)]
            : [current];
    }

    /// <summary>
    /// Sends a signed <c>ping</c> at once, whether or not the subscription is active, with its
    /// parameters (<c>user_field</c> values from <see cref="SampleContact"/>), and reports how the
    /// receiver answered. A refused or failed connection is reported, not thrown.
    /// </summary>
    public async Task<WebhookTestResult> TestAsync(string accountId, string webhookId, string appId, CancellationToken cancellationToken)
    {
        var subscription = await GetAsync(accountId, webhookId, cancellationToken);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var envelope = WebhookEvents.Envelope(eventId, WebhookEventType.Ping, clock.GetUtcNow(), accountId, ChangeSource.Api, appId, new JsonObject
        {
            ["webhook_id"] = subscription.Id,
            ["webhook_name"] = subscription.Name,
            ["message"] = "A test event sent by POST /api/webhooks/{id}/Test.",
        });
        var request = WebhookRequestBuilder.Build(subscription, eventId, envelope, SampleContact, SigningSecrets(subscription));
        return new WebhookTestResult(eventId, await sender.SendAsync(request, cancellationToken));
    }

    /// <summary>Webhook ids are positive integers; anything else names no webhook (404), without reaching storage.</summary>
    public static long ParseId(string webhookId) =>
        long.TryParse(webhookId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw NotFound(webhookId ?? "");

    /// <summary>Applies <paramref name="change"/> to the stored subscription under its ETag, reading again until it lands; no write when it returns the subscription unchanged.</summary>
    private async Task<WebhookSubscription> ChangeAsync(
        string accountId, string webhookId, Func<WebhookSubscription, WebhookSubscription> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetAsync(accountId, webhookId, cancellationToken);
            var changed = change(current);
            if (ReferenceEquals(changed, current))
            {
                return current;
            }

            if (await store.TryReplaceAsync(changed, cancellationToken) is { } stored)
            {
                return stored;
            }
        }
    }

    private string Protect(string secret, string accountId, long id) =>
        protector.Protect(secret, SecretPurpose, accountId, id.ToString(CultureInfo.InvariantCulture));

    private static ResourceNotFoundException NotFound(string webhookId) => new($"Webhook '{MessageText.Clip(webhookId)}' was not found.");
}
