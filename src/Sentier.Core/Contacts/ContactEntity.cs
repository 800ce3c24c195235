using System.Globalization;
using Azure.Data.Tables;

namespace Sentier.Core.Contacts;

/// <summary>Maps a contact to its Table row and back; profile fields keep their wire names as property names.</summary>
public static class ContactEntity
{
    public static TableEntity ToEntity(string accountId, Contact contact)
    {
        var entity = new TableEntity(accountId, ContactKeys.Contact(contact.Id))
        {
            ["Email"] = contact.Email,
            ["Sms"] = contact.Sms,
            ["Status"] = (int)contact.Status,
            ["SmsStatus"] = (int)contact.SmsStatus,
            ["IsDoNotMail"] = contact.IsDoNotMail,
            ["DoubleOptin"] = contact.DoubleOptin,
            ["Groups"] = string.Join(',', contact.GroupIds),
            ["Created"] = contact.Created,
            ["Updated"] = contact.Updated,
            ["UnsubscribedAt"] = contact.UnsubscribedAt,
            ["UnsubscribeSource"] = contact.UnsubscribeSource is { } source ? ChangeSources.Name(source) : null,
            ["ChangedBy"] = ChangeSources.Name(contact.ChangedBy),
            ["ChangedByApp"] = contact.ChangedByApp,
            ["Version"] = contact.Version,
        };
        foreach (var (name, value) in contact.Fields)
        {
            entity[name] = value;
        }

        return entity;
    }

    public static Contact FromEntity(TableEntity entity)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var field in ContactFields.All)
        {
            if (!entity.TryGetValue(field.Name, out var value) || value is null)
            {
                continue;
            }

            fields[field.Name] = field.Type switch
            {
                ContactFieldType.Date => value is DateTime dateTime ? new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)) : (DateTimeOffset)value,
                ContactFieldType.Number => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                _ => (string)value,
            };
        }

        return new Contact
        {
            Id = ContactKeys.ContactIdOf(entity.RowKey),
            Email = entity.GetString("Email"),
            Sms = entity.GetString("Sms"),
            Status = (SubscriptionStatus)(entity.GetInt32("Status") ?? 0),
            SmsStatus = (SubscriptionStatus)(entity.GetInt32("SmsStatus") ?? 0),
            IsDoNotMail = entity.GetBoolean("IsDoNotMail") ?? false,
            DoubleOptin = entity.GetString("DoubleOptin"),
            Fields = fields,
            GroupIds = ParseIds(entity.GetString("Groups")),
            Created = entity.GetDateTimeOffset("Created") ?? default,
            Updated = entity.GetDateTimeOffset("Updated") ?? default,
            UnsubscribedAt = entity.GetDateTimeOffset("UnsubscribedAt"),
            UnsubscribeSource = ParseSource(entity.GetString("UnsubscribeSource")),
            ChangedBy = ParseSource(entity.GetString("ChangedBy")) ?? ChangeSource.Api,
            ChangedByApp = entity.GetString("ChangedByApp"),
            Version = entity.GetInt64("Version") ?? 0,
            ETag = entity.ETag,
        };
    }

    private static long[] ParseIds(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToArray();

    private static ChangeSource? ParseSource(string? text) =>
        Enum.TryParse<ChangeSource>(text, ignoreCase: true, out var source) ? source : null;
}
