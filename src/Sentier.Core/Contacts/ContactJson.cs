using System.Text.Json;

namespace Sentier.Core.Contacts;

/// <summary>
/// A contact as the API shows it: every field of ActiveTrail's contact object in a fixed order,
/// null when unset, so clients that index into the object find every key. API answers and webhook
/// events carry this same object.
/// </summary>
public static class ContactJson
{
    public static Dictionary<string, object?> From(Contact contact, bool deleted = false)
    {
        var body = new Dictionary<string, object?>(ContactFields.All.Count + 16)
        {
            ["id"] = contact.Id,
            ["email"] = contact.Email,
            ["sms"] = contact.Sms,
        };
        foreach (var field in ContactFields.All)
        {
            body[field.Name] = contact.Fields.GetValueOrDefault(field.Name);
        }

        body["is_do_not_mail"] = contact.IsDoNotMail;
        body["is_deleted"] = deleted;
        body["status"] = (int)contact.Status;
        body["sms_status"] = (int)contact.SmsStatus;
        body["double_optin"] = contact.DoubleOptin is { } optin ? JsonSerializer.Deserialize<JsonElement>(optin) : null;
        body["unsubscribe_date"] = contact.UnsubscribedAt;
        body["unsubscribe_source"] = contact.UnsubscribeSource is { } source ? ChangeSources.Name(source) : null;
        body["created"] = contact.Created;
        body["updated"] = contact.Updated;
        return body;
    }
}
