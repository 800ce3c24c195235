using System.Globalization;
using System.Text.Json;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// The largest contacts the API accepts: every text field at its length limit in Hebrew (which
/// the storage client escapes as six bytes a character), the longest valid Hebrew address, a
/// Hebrew double opt-in object at its limit, every date and number set. The tests of transaction
/// sizes are built from these. Not a test class.
/// </summary>
internal static class LargestContacts
{
    private const string Letters = "אבגדהוזחטיכלמנסעפצקרשת";

    /// <summary>
    /// A valid address of <paramref name="length"/> characters, unique per <paramref name="n"/>, Hebrew
    /// but for the digits of <paramref name="n"/>, the @ and the dots: a 64-character local part and
    /// labels of one repeated letter, short enough in their ASCII (punycode) form.
    /// </summary>
    public static string Email(int n, int length = EmailAddress.MaxLength)
    {
        var digits = n.ToString(CultureInfo.InvariantCulture);
        var local = digits + new string('ש', 64 - digits.Length);
        var domainLength = length - local.Length - 1;
        var labels = (domainLength + 48) / 48;
        var letters = domainLength - (labels - 1);
        var domain = string.Join('.', Enumerable.Range(0, labels).Select(i => new string('ש', letters / labels + (i < letters % labels ? 1 : 0))));
        var email = $"{local}@{domain}";
        Assert.True(EmailAddress.TryNormalize(email, out _, out var error), error);
        Assert.Equal(length, email.Length);
        return email;
    }

    /// <summary>The request body of contact <paramref name="n"/>: every field at its limit.</summary>
    public static Dictionary<string, object> Body(int n, int emailLength = EmailAddress.MaxLength)
    {
        var body = new Dictionary<string, object>
        {
            ["email"] = Email(n, emailLength),
            ["sms"] = $"+97254{n:D7}",
            ["status"] = "Subscribed",
            ["double_optin"] = new Dictionary<string, string> { ["message"] = Text(4 * ContactField.MaxTextLength - """{"message":""}""".Length) },
        };
        foreach (var field in ContactFields.All)
        {
            body[field.Name] = field.Type switch
            {
                ContactFieldType.Text => Text(ContactField.MaxTextLength),
                ContactFieldType.Date => "2031-12-24T14:12:12",
                _ => -123456789.125,
            };
        }

        return body;
    }

    /// <summary>The body as JSON text, as a client sends it.</summary>
    public static string Json(int n) => JsonSerializer.Serialize(Body(n), ContactHarness.ClientJson);

    /// <summary>Contact <paramref name="n"/> as stored with id <paramref name="id"/>, in <paramref name="groups"/>.</summary>
    public static Contact Contact(int n, long id, IReadOnlyList<long> groups) =>
        ContactPatch.Parse(JsonBody.Parse(JsonSerializer.SerializeToUtf8Bytes(Body(n), ContactHarness.ClientJson)), ContactSamples.IsraeliPhones)
            .ApplyTo(null, id, ContactSamples.Now, ChangeSource.Api, "app-1") with { GroupIds = groups };

    private static string Text(int length) => string.Concat(Enumerable.Range(0, length).Select(i => Letters[i % Letters.Length]));
}
