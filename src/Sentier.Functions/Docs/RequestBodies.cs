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

[Description("A webhook subscription, in ActiveTrail's `UserApiEventItem` shape. On create `name`, `url` and an event type are required; on update, a field left out keeps its value. Limits (400 beyond, nothing saved): 50 webhooks per account, counted exactly even when creates race; 20 parameters per webhook.")]
public sealed record WebhookRequestBody(
    [property: Description("A name for the subscription, 1–100 characters.")] string Name,
    [property: Description("Where events are POSTed: an absolute `https` URL (`http` too when the `Webhooks:AllowHttp` setting is true) of at most 2,048 characters, without user name or password. A literal address deliveries would refuse (private, loopback, link-local such as 169.254.169.254, CGNAT, multicast, reserved, or IPv4-mapped IPv6 of those) → 400; host names are checked when a delivery connects.")] string Url,
    [property: Description("One event type (ActiveTrail's field), e.g. `contact_change`. Answered as the first of `event_types`.")] string? EventType,
    [property: Description("The event types (an array, or one comma-separated string). Sent beside `event_type`, the two add up; at least one type is required on create. `ping` cannot be subscribed to.")] IReadOnlyList<string>? EventTypes,
    [property: Description("`json`, the only format; anything else → 400.")] string? Format,
    [property: Description("Whether events are sent (default `true`): `true`/`false`, `1`/`0`, or those as text. `true` also re-enables a webhook the system disabled (clearing `disabled_reason`).")] bool? IsActive,
    [property: Description("ActiveTrail's deprecated state: `1` active, `0` inactive, the same as `is_active`; both with different values → 400.")] bool? Stateid,
    [property: Description("`api` (default) or `zapier`.")] string? TargetTypeId,
    [property: Description("Up to 20 extra values sent with every event: headers, query parameters or body fields, fixed text or a field of the contact. When given on update, the list replaces the whole list.")] IReadOnlyList<WebhookParameterRequestBody>? Parameters);

[Description("One webhook parameter. Answers add its `id` (its position, from 1) and mask `custom_text` header values.")]
public sealed record WebhookParameterRequestBody(
    [property: Description("The header, query parameter or body field name, 1–256 characters. A `header` key must be a valid header name and not one Sentier writes or a hop-by-hop header (`Host`, `User-Agent`, `Content-*`, `webhook-*`, `Connection`, `Keep-Alive`, `Transfer-Encoding`, `TE`, `Trailer`, `Upgrade`, `Expect`, `Proxy-*`); a `body` key may not be a field of the event (`id`, `type`, `created`, `account_id`, `source`, `app_id`, `data`).")] string Key,
    [property: Description("The fixed text sent (for `custom_text`): up to 4,096 characters, no control characters. A `header` value is answered masked (`****`, and its last 4 characters when it has at least 12); sending the masked value back as answered keeps the stored one, while a mask that matches no stored value of that header → 400. Put credentials in headers: query and body values are answered as stored.")] string? Value,
    [property: Description("`header` (default), `query` (appended to the URL's query) or `body` (an extra top-level field of the JSON body, covered by the signature).")] string? EventParameterType,
    [property: Description("`custom_text` (default: `value` as given) or `user_field` (the value of the event contact's field named by `user_field`).")] string? EventValueType,
    [property: Description("With `user_field`: `email`, `sms` or a contact field name (`first_name`, `city`, `ext1`…`ext25`, `date1`…`date5`, `num1`…`num5`…); anything else → 400.")] string? UserField);

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
