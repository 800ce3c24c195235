using System.Text.Json;
using System.Text.Json.Nodes;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Webhooks;

namespace Sentier.Functions.Docs;

/// <summary>
/// ActiveTrail's contact object, which <see cref="ContactJson"/> writes from a dictionary: its
/// profile fields come from <see cref="ContactFields.All"/>, so the schema lists exactly the
/// fields the wire has; the fixed fields around them are named here, and the contract test fails
/// if <see cref="ContactJson"/> writes one this schema does not know.
/// </summary>
public sealed class ContactSchema : IApiSchema
{
    /// <summary>The answer to a member add says what happened to the membership.</summary>
    public const string StateField = "state";

    /// <summary>The made-up contact the Test ping uses, as the API writes it; requests show a typical upsert.</summary>
    public static JsonNode? Example(bool forRequest) => forRequest
        ? new JsonObject { ["email"] = "dana.levi@example.com", ["sms"] = "+972541234567", ["first_name"] = "Dana", ["last_name"] = "Levi", ["city"] = "Tel Aviv", ["status"] = 1 }
        : JsonSerializer.SerializeToNode(
            ContactJson.From(WebhookService.SampleContact with { Id = 1042, Status = SubscriptionStatus.Subscribed, Created = ExampleTime, Updated = ExampleTime }),
            SentierJson.Options);

    internal static readonly DateTimeOffset ExampleTime = new(2026, 12, 3, 15, 4, 5, TimeSpan.Zero);

    public static JsonObject Schema(bool forRequest)
    {
        var properties = new JsonObject
        {
            ["id"] = Described(new JsonObject { ["type"] = "integer" }, "The contact's id: a positive integer, never reused in the account."),
            ["email"] = Nullable("string",
                $"The email address, unique in the account: trimmed and lower-cased, at most {EmailAddress.MaxLength} characters. With `sms` it identifies the contact; an upsert matches on email first."),
            ["sms"] = Nullable("string",
                "The mobile number, unique in the account, stored in E.164 (`054-1234567` → `+972541234567`). A number without a country code is read in the region the `Sentier:Contacts:DefaultPhoneRegion` setting names (IL)."),
        };
        foreach (var field in ContactFields.All)
        {
            properties[field.Name] = field.Type switch
            {
                ContactFieldType.Date => Described(ApiSchemas.WireDate(nullable: true, strict: !forRequest), field.DisplayName + ". " + ApiSchemas.WireDateDescription + " From the year 1601 on."),
                ContactFieldType.Number => Described(
                    new JsonObject { ["type"] = forRequest ? new JsonArray("number", "string", "null") : new JsonArray("number", "null") },
                    field.DisplayName + (forRequest ? ". A JSON number or a numeric string." : ".")),
                _ => Described(
                    new JsonObject { ["type"] = forRequest ? new JsonArray("string", "number", "null") : new JsonArray("string", "null"), ["maxLength"] = ContactField.MaxTextLength },
                    field.DisplayName + $". Text of at most {ContactField.MaxTextLength} characters" + (forRequest ? "; a number is kept as text." : ".")),
            };
        }

        properties["is_do_not_mail"] = Described(new JsonObject { ["type"] = "boolean" },
            "No email is sent to the contact, whatever its status. While it is true, a change of `status` is refused (405, as ActiveTrail does) unless the same request sets it false.");
        properties["is_deleted"] = Described(new JsonObject { ["type"] = "boolean" },
            forRequest ? "`true` deletes the contact (ActiveTrail's way of deleting through an upsert)." : "True only in the answer to a write that deleted the contact.");
        properties["status"] = Status("Email subscription status", forRequest);
        properties["sms_status"] = Status("SMS subscription status", forRequest);
        properties["double_optin"] = Described(new JsonObject { ["type"] = new JsonArray("object", "null") },
            "The double opt-in settings the client sent (`{subject, message, confirmation_link_text}`), kept as given.");
        if (!forRequest)
        {
            properties["unsubscribe_date"] = Described(ApiSchemas.WireDate(nullable: true, strict: true), "When the contact last opted out (unsubscribed or do-not-mail); null while subscribed.");
            properties["unsubscribe_source"] = Described(
                new JsonObject { ["enum"] = new JsonArray([.. Enum.GetValues<ChangeSource>().Select(s => (JsonNode)ChangeSources.Name(s)), null]) },
                "What the last opt-out came through (the change source of that write); null while subscribed.");
            properties["created"] = Described(ApiSchemas.WireDate(nullable: false, strict: true), "When the contact was created. Read-only.");
            properties["updated"] = Described(ApiSchemas.WireDate(nullable: false, strict: true), "When the contact last changed. Read-only.");
        }

        var required = forRequest ? new JsonArray() : new JsonArray([.. properties.Select(p => (JsonNode)p.Key)]);
        if (!forRequest)
        {
            properties[StateField] = Described(
                new JsonObject { ["enum"] = new JsonArray("added", "existing", "deleted") },
                "Member adds only: `added` when the contact joined the group, `existing` when it was already in it, `deleted` when the body deleted it.");
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["description"] = forRequest
                ? "Any of the contact's fields: a field left out keeps its value, `null` or `\"\"` clears it. Field names match case-insensitively; unknown fields, and ActiveTrail's member-only `campaign_id`, `is_trigger_events` and `is_solve_merge`, are accepted and ignored."
                : "A contact, every field present (null when empty), in ActiveTrail's shape.",
            ["properties"] = properties,
        };
        if (!forRequest)
        {
            schema["additionalProperties"] = false;
            schema["required"] = required;
        }

        return schema;
    }

    private static JsonObject Status(string what, bool forRequest) => Described(
        forRequest
            ? new JsonObject { ["type"] = new JsonArray("integer", "string") }
            : new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray([.. Enum.GetValues<SubscriptionStatus>().Select(s => (JsonNode)(int)s)]) },
        what + ": " + string.Join(", ", Enum.GetValues<SubscriptionStatus>().Select(s => $"{(int)s} = {s}")) + (forRequest ? "; the name (`\"Unsubscribed\"`, any case) or the digits as text are accepted too. A new contact is Subscribed unless told otherwise." : "."));

    private static JsonObject Nullable(string type, string description) =>
        Described(new JsonObject { ["type"] = new JsonArray(type, "null") }, description);

    private static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }
}
