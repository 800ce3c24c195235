using System.Text.Json.Nodes;
using Sentier.Core.Contacts;
using Sentier.Core.Webhooks;

namespace Sentier.Functions.Docs;

/// <summary>
/// The webhook requests this service sends, as OpenAPI <c>webhooks</c>: one per event type, each
/// with the envelope's schema and an example that <see cref="WebhookEvents.Envelope"/> itself
/// builds around the sample contact the Test ping uses.
/// </summary>
public static class WebhookPayloads
{
    private const string EnvelopeSchema = "WebhookEvent";

    private static readonly DateTimeOffset ExampleTime = new(2026, 12, 3, 15, 4, 5, 123, TimeSpan.Zero);
    private const string ExampleAccount = "3f9c2a7e5b8d41c6a0e7d2b9c4f1a856";
    private const string ExampleApp = "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394";

    /// <summary>When each type is sent (the catalogue of docs/webhooks.md, in brief).</summary>
    private static readonly Dictionary<WebhookEventType, string> WhenSent = new()
    {
        [WebhookEventType.ContactChange] = "A contact was created, updated or deleted by anything but a person's manual edit (the API, an import, a form, an integration). ActiveTrail's own event type.",
        [WebhookEventType.ContactManualChange] = "A contact was created, updated or deleted by a person in a UI (the request said `X-Change-Source: manual`).",
        [WebhookEventType.ContactUpdated] = "An existing contact's profile changed, whatever the source. `data.changes` lists each changed field.",
        [WebhookEventType.ContactCreated] = "A contact was created.",
        [WebhookEventType.ContactDeleted] = "A contact was deleted; `data.contact` is its last state with `is_deleted: true`.",
        [WebhookEventType.ContactAddedToGroup] = "A contact joined a group (one event per group); `data.group` names it.",
        [WebhookEventType.ContactRemovedFromGroup] = "A contact left a group, including each member of a deleted group.",
        [WebhookEventType.ContactUnsubscribed] = "A contact opted out of email or SMS, or was created opted out. Sent besides `contact_updated`/`contact_created`.",
        [WebhookEventType.AutomationStep] = "Reserved for automations: defined, not sent yet.",
        [WebhookEventType.Ping] = "Sent only by `POST /api/webhooks/{id}/Test`; cannot be subscribed to.",
    };

    public static JsonObject Describe(ApiSchemas schemas)
    {
        schemas.Components[EnvelopeSchema] = Envelope();
        var webhooks = new JsonObject();
        foreach (var type in Enum.GetValues<WebhookEventType>())
        {
            var name = WebhookEventTypes.Name(type);
            webhooks[name] = new JsonObject
            {
                ["post"] = new JsonObject
                {
                    ["operationId"] = "Webhook_" + name,
                    ["tags"] = new JsonArray("Webhook events"),
                    ["summary"] = name,
                    ["description"] = WhenSent[type] + "\n\nSigned as Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`); see docs/webhooks.md for verifying it. The subscription's `body` parameters are added as extra top-level fields.",
                    ["requestBody"] = new JsonObject
                    {
                        ["required"] = true,
                        ["content"] = new JsonObject
                        {
                            ["application/json"] = new JsonObject
                            {
                                ["schema"] = ApiSchemas.Ref(EnvelopeSchema),
                                ["example"] = Example(type),
                            },
                        },
                    },
                    // Sent by this service to the receiver: no API credential, the signature instead.
                    ["security"] = new JsonArray(),
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject { ["description"] = "Any 2xx acknowledges the event; anything else, or no answer within the timeout, is retried on the schedule docs/webhooks.md gives." },
                    },
                },
            };
        }

        return webhooks;
    }

    private static JsonObject Envelope()
    {
        var contact = ContactSchema.Schema(forRequest: false);
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Every event's envelope. `data` holds `contact` and `version` for contact events, with `changes` for updates and `group` for group events; a ping's `data` names the webhook.",
            ["properties"] = new JsonObject
            {
                ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = "^evt_[0-9a-f]{32}$", ["description"] = "The event's id, derived from the change: the same change never yields two ids. Deduplicate on it." },
                ["type"] = new JsonObject { ["enum"] = new JsonArray([.. Enum.GetValues<WebhookEventType>().Select(t => (JsonNode)WebhookEventTypes.Name(t))]) },
                ["created"] = new JsonObject { ["type"] = "string", ["description"] = "When the change was committed: UTC, ISO 8601 with milliseconds (`2026-12-03T15:04:05.123Z`)." },
                ["account_id"] = new JsonObject { ["type"] = "string" },
                ["source"] = new JsonObject { ["enum"] = new JsonArray([.. Enum.GetValues<ChangeSource>().Select(s => (JsonNode)ChangeSources.Name(s))]) },
                ["app_id"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["description"] = "The API app whose token made the change; null when none did." },
                ["data"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["contact"] = contact,
                        ["version"] = new JsonObject { ["type"] = "integer", ["description"] = "The contact's version after this change; ignore an event with a lower one than you applied." },
                        ["changes"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["additionalProperties"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["old"] = new JsonObject(), ["new"] = new JsonObject() } },
                        },
                        ["group"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject { ["id"] = new JsonObject { ["type"] = "integer" }, ["name"] = new JsonObject { ["type"] = new JsonArray("string", "null") } },
                        },
                        ["webhook_id"] = new JsonObject { ["type"] = "integer" },
                        ["webhook_name"] = new JsonObject { ["type"] = "string" },
                        ["message"] = new JsonObject { ["type"] = "string" },
                    },
                },
            },
            ["required"] = new JsonArray("id", "type", "created", "account_id", "source", "app_id", "data"),
        };
    }

    private static JsonObject Example(WebhookEventType type)
    {
        JsonObject data;
        if (type == WebhookEventType.Ping)
        {
            data = new JsonObject { ["webhook_id"] = 3, ["webhook_name"] = "CRM sync", ["message"] = "A test event sent by POST /api/webhooks/{id}/Test." };
        }
        else
        {
            var contact = ContactSchema.Example(forRequest: false)!.AsObject();
            contact["is_deleted"] = type == WebhookEventType.ContactDeleted;
            data = new JsonObject { ["contact"] = contact, ["version"] = 2 };
            if (type == WebhookEventType.ContactUpdated)
            {
                data["changes"] = new JsonObject { ["city"] = new JsonObject { ["old"] = "Haifa", ["new"] = "Tel Aviv" } };
            }

            if (type is WebhookEventType.ContactAddedToGroup or WebhookEventType.ContactRemovedFromGroup)
            {
                data["group"] = new JsonObject { ["id"] = 17, ["name"] = "Newsletter" };
            }
        }

        var id = WebhookEvents.EventId(ExampleAccount, "o-example", 0, type, null);
        return WebhookEvents.Envelope(id, type, ExampleTime, ExampleAccount, ChangeSource.Api, ExampleApp, data);
    }
}
