using Sentier.Core.Common;

namespace Sentier.Core.Webhooks;

/// <summary>What a webhook event reports. Subscriptions name the types they want; events carry one.</summary>
public enum WebhookEventType
{
    /// <summary>A contact created, updated or deleted by anything but a person's manual edit (a form, the API, an import…). ActiveTrail's own type.</summary>
    ContactChange,

    /// <summary>A contact created, updated or deleted by a person in a UI (<c>X-Change-Source: manual</c>).</summary>
    ContactManualChange,

    /// <summary>Any change to an existing contact, whatever its source.</summary>
    ContactUpdated,

    ContactCreated,

    ContactDeleted,

    ContactAddedToGroup,

    /// <summary>Also sent for each member of a deleted group.</summary>
    ContactRemovedFromGroup,

    /// <summary>An email or SMS opt-out, do-not-mail included.</summary>
    ContactUnsubscribed,

    /// <summary>Reserved for automations.</summary>
    AutomationStep,

    /// <summary>Sent only by <c>POST /api/webhooks/{id}/Test</c>; no subscription names it.</summary>
    Ping,
}

/// <summary>The wire names of <see cref="WebhookEventType"/> (<c>contact_change</c>, …).</summary>
public static class WebhookEventTypes
{
    private static readonly (WebhookEventType Type, string Name)[] Names =
    [
        (WebhookEventType.ContactChange, "contact_change"),
        (WebhookEventType.ContactManualChange, "contact_manual_change"),
        (WebhookEventType.ContactUpdated, "contact_updated"),
        (WebhookEventType.ContactCreated, "contact_created"),
        (WebhookEventType.ContactDeleted, "contact_deleted"),
        (WebhookEventType.ContactAddedToGroup, "contact_added_to_group"),
        (WebhookEventType.ContactRemovedFromGroup, "contact_removed_from_group"),
        (WebhookEventType.ContactUnsubscribed, "contact_unsubscribed"),
        (WebhookEventType.AutomationStep, "automation_step"),
        (WebhookEventType.Ping, "ping"),
    ];

    /// <summary>Every type a subscription may name, in catalogue order (all but <c>ping</c>).</summary>
    public static IReadOnlyList<WebhookEventType> Subscribable { get; } =
        [.. Names.Select(entry => entry.Type).Where(type => type != WebhookEventType.Ping)];

    public static string Name(WebhookEventType type) => Names.First(entry => entry.Type == type).Name;

    public static WebhookEventType? TryParse(string name)
    {
        foreach (var entry in Names)
        {
            if (entry.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return entry.Type;
            }
        }

        return null;
    }

    /// <summary>A type a subscription may name; 400 naming the valid ones otherwise.</summary>
    /// <param name="field">The request field or query parameter the name came from.</param>
    public static WebhookEventType ParseSubscribable(string name, string field) =>
        TryParse(name) switch
        {
            WebhookEventType.Ping => throw new InvalidRequestException(
                $"'{field}': ping cannot be subscribed to; POST /api/webhooks/{{id}}/Test sends one."),
            { } type => type,
            null => throw new InvalidRequestException(
                $"'{field}' value '{MessageText.Clip(name)}' is not an event type; use {string.Join(", ", Subscribable.Select(Name))}."),
        };
}
