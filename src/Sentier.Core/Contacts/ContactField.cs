namespace Sentier.Core.Contacts;

public enum ContactFieldType
{
    Text,
    Date,
    Number,
}

/// <summary>
/// One profile field of a contact. <see cref="Name"/> is the JSON key on the wire and the Table
/// property it is stored in; custom fields (ext, date, num) can be given a display name per account.
/// </summary>
public sealed record ContactField(string Name, string DisplayName, ContactFieldType Type, bool IsCustom)
{
    /// <summary>Free text longer than this is not a profile field; the Table limit is 32K characters.</summary>
    public const int MaxTextLength = 1000;
}

/// <summary>The profile fields of ActiveTrail's contact object, in the order responses list them.</summary>
public static class ContactFields
{
    public const int TextFieldCount = 25;
    public const int DateFieldCount = 5;
    public const int NumberFieldCount = 5;

    public static IReadOnlyList<ContactField> All { get; } = Build();

    private static readonly Dictionary<string, ContactField> ByName =
        All.ToDictionary(field => field.Name, StringComparer.OrdinalIgnoreCase);

    public static ContactField? Find(string name) => ByName.GetValueOrDefault(name);

    private static List<ContactField> Build()
    {
        List<ContactField> fields =
        [
            new("first_name", "First name", ContactFieldType.Text, IsCustom: false),
            new("last_name", "Last name", ContactFieldType.Text, IsCustom: false),
            new("anniversary", "Anniversary", ContactFieldType.Date, IsCustom: false),
            new("birthday", "Birthday", ContactFieldType.Date, IsCustom: false),
            new("city", "City", ContactFieldType.Text, IsCustom: false),
            new("street", "Street", ContactFieldType.Text, IsCustom: false),
            new("zip_code", "Zip code", ContactFieldType.Text, IsCustom: false),
            new("fax", "Fax", ContactFieldType.Text, IsCustom: false),
            new("phone1", "Phone 1", ContactFieldType.Text, IsCustom: false),
            new("phone2", "Phone 2", ContactFieldType.Text, IsCustom: false),
        ];
        for (var i = 1; i <= TextFieldCount; i++)
        {
            fields.Add(new($"ext{i}", $"Text field {i}", ContactFieldType.Text, IsCustom: true));
        }

        for (var i = 1; i <= DateFieldCount; i++)
        {
            fields.Add(new($"date{i}", $"Date field {i}", ContactFieldType.Date, IsCustom: true));
        }

        for (var i = 1; i <= NumberFieldCount; i++)
        {
            fields.Add(new($"num{i}", $"Number field {i}", ContactFieldType.Number, IsCustom: true));
        }

        fields.Add(new("subscribe_ip", "Subscribe IP", ContactFieldType.Text, IsCustom: false));
        return fields;
    }
}
