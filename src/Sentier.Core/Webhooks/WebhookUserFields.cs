using System.Globalization;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>The contact fields a <c>user_field</c> parameter can take its value from: <c>email</c>, <c>sms</c> and every profile field.</summary>
public static class WebhookUserFields
{
    private static readonly string[] IdentityFields = ["email", "sms"];

    /// <summary>The field's wire name as <see cref="ContactFields"/> spells it; 400 naming the valid ones otherwise.</summary>
    public static string Parse(string name)
    {
        var trimmed = name.Trim();
        if (IdentityFields.FirstOrDefault(field => field.Equals(trimmed, StringComparison.OrdinalIgnoreCase)) is { } identity)
        {
            return identity;
        }

        return ContactFields.Find(trimmed)?.Name ?? throw new InvalidRequestException(
            $"'user_field' '{MessageText.Clip(name)}' is not a contact field; use email, sms or a field of GET /api/account/contactFields (first_name, ext1, date1, num1, …).");
    }

    /// <summary>The field's value as text (dates as the API writes them); empty when the contact has none.</summary>
    public static string ValueOf(Contact contact, string field) => field switch
    {
        "email" => contact.Email ?? "",
        "sms" => contact.Sms ?? "",
        _ => contact.Fields.GetValueOrDefault(field) switch
        {
            null => "",
            DateTimeOffset date => ApiDates.Format(date),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            var value => value.ToString() ?? "",
        },
    };
}
