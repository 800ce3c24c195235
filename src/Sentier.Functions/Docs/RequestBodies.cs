using System.ComponentModel;
using System.Text.Json.Nodes;
using Sentier.Core.Contacts;

namespace Sentier.Functions.Docs;

// The request bodies as the services read them (field by field, through JsonBody), for the
// reference. No code reads these types: a field a service starts or stops reading must be changed
// here too. Their examples are validated against these schemas (EveryExampleMatchesItsSchema).

[Description("A group's name.")]
public sealed record GroupRequest([property: Description("The group's name, unique in the account (case-insensitively).")] string Name);

[Description("A new display name for one custom contact field.")]
public sealed record ContactFieldRenameRequest([property: Description("What forms and exports call the field.")] string FieldDisplayName);

[Description("An account's name (operator API).")]
public sealed record AccountRequest([property: Description("The tenant's name, for the operator's own records.")] string Name);

[Description("An API app's settings. On create, `name` is required; on update, a field left out keeps its value.")]
public sealed record ApiAppRequest(
    [property: Description("What the app is (the external system that uses its token).")] string Name,
    [property: Description("Free text.")] string? Description,
    [property: Description("Addresses or CIDR ranges the token may be used from; empty or absent allows any.")] IReadOnlyList<string>? AllowedIps,
    [property: Description("What the token may do: `contacts:read`, `contacts:write`, `webhooks:read`, `webhooks:write`, `facebook:read`, `facebook:write`, `apps:manage`. Default on create: `contacts:read` and `contacts:write`, as an ActiveTrail token. An app cannot grant scopes its caller lacks.")] IReadOnlyList<string>? Scopes,
    [property: Description("When the token stops working; null never.")] DateTimeOffset? Expires);

[Description("A webhook subscription, in ActiveTrail's `UserApiEventItem` shape. On create `name`, `url` and an event type are required; on update, a field left out keeps its value.")]
public sealed record WebhookRequestBody(
    [property: Description("A name for the subscription.")] string Name,
    [property: Description("Where events are POSTed: https (http only when the operator allows it), a public address.")] string Url,
    [property: Description("One event type (ActiveTrail's field), e.g. `contact_change`.")] string? EventType,
    [property: Description("Several event types; with `event_type`, both are subscribed.")] IReadOnlyList<string>? EventTypes,
    [property: Description("`json`, the only format.")] string? Format,
    [property: Description("Whether events are sent.")] bool? IsActive,
    [property: Description("ActiveTrail's state: 1 active, 0 inactive; same as `is_active`.")] bool? Stateid,
    [property: Description("`api` (default) or `zapier`.")] string? TargetTypeId,
    [property: Description("Extra values sent with every event: headers or body fields, fixed text or a field of the contact.")] IReadOnlyList<WebhookParameterRequestBody>? Parameters);

[Description("One webhook parameter.")]
public sealed record WebhookParameterRequestBody(
    [property: Description("Header or body field name.")] string Key,
    [property: Description("The fixed text sent (for `custom_text`).")] string? Value,
    [property: Description("`header` or `body`.")] string? EventParameterType,
    [property: Description("`custom_text` or `user_field` (a contact field named by `user_field`).")] string? EventValueType,
    [property: Description("The contact field sent, for `user_field`.")] string? UserField);

[Description("A Facebook Page to connect, by a Page access token with the leads_retrieval permission.")]
public sealed record FacebookConnectionRequest([property: Description("A Page access token (or a long-lived user token whose Page is connected).")] string AccessToken);

[Description("How a lead form syncs. On create `group_id` is required; on update, a field left out keeps its value.")]
public sealed record FacebookFormRequest(
    [property: Description("The group leads join as contacts.")] long? GroupId,
    [property: Description("Whether the poller syncs the form.")] bool? IsActive,
    [property: Description("Leads created before this are not imported.")] DateTimeOffset? Since,
    [property: Description("Form question key → contact field; merged over the default mapping (email, phone, names, city…).")] IReadOnlyDictionary<string, string>? FieldMapping);

/// <summary>An import: a group and up to 1,000 contacts.</summary>
public sealed class ImportRequest : IApiSchema
{
    public static JsonNode? Example(bool forRequest) => new JsonObject
    {
        ["group"] = 17,
        ["contacts"] = new JsonArray(
            new JsonObject { ["email"] = "dana.levi@example.com", ["first_name"] = "Dana" },
            new JsonObject { ["email"] = "noam.katz@example.com", ["first_name"] = "Noam", ["sms"] = "+972521234567" }),
    };

    public static JsonObject Schema(bool forRequest) => new()
    {
        ["type"] = "object",
        ["description"] = "Contacts to import into one group (ActiveTrail's `contacts/Import`).",
        ["properties"] = new JsonObject
        {
            ["group"] = new JsonObject { ["type"] = "integer", ["description"] = "The group every contact joins." },
            ["mailing_list"] = new JsonObject { ["type"] = new JsonArray("integer", "null"), ["description"] = "ActiveTrail's mailing list id: accepted and ignored (this service has no mailing lists)." },
            ["contacts"] = new JsonObject
            {
                ["type"] = "array",
                ["maxItems"] = ContactImporter.MaxContacts,
                ["items"] = ContactSchema.Schema(forRequest: true),
            },
        },
        ["required"] = new JsonArray("group", "contacts"),
    };
}
