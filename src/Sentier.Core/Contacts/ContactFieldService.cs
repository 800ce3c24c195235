using Azure.Data.Tables;
using Sentier.Core.Common;

namespace Sentier.Core.Contacts;

/// <summary>One row of <c>GET account/contactFields</c>: the field, its label and the contact JSON key it fills.</summary>
public sealed record ContactFieldInfo(string FieldName, string FieldDisplayName, string FieldSourceColumn, string Type, bool IsCustom);

/// <summary>
/// The contact fields of an account. Integrations (ActiveTrail's own form plugin among them) read
/// this list to map their form fields, so custom fields carry the account's own labels, stored in
/// one row of the account's contact partition.
/// </summary>
public sealed class ContactFieldService(ContactStore store)
{
    public const int MaxDisplayNameLength = 100;

    private static readonly HashSet<string> IdentityFields = new(StringComparer.OrdinalIgnoreCase) { "email", "sms" };

    public async Task<IReadOnlyList<ContactFieldInfo>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var labels = await ReadLabelsAsync(accountId, cancellationToken);
        List<ContactFieldInfo> fields =
        [
            new("email", "Email", "email", "email", IsCustom: false),
            new("sms", "Mobile (SMS)", "sms", "phone", IsCustom: false),
        ];
        fields.AddRange(ContactFields.All.Select(field => Info(field, labels.GetString(field.Name))));
        return fields;
    }

    public async Task<ContactFieldInfo> RenameAsync(string accountId, string fieldName, JsonBody body, CancellationToken cancellationToken)
    {
        var name = fieldName?.Trim() ?? "";
        var field = ContactFields.Find(name);
        if (field is not { IsCustom: true })
        {
            throw field is not null || IdentityFields.Contains(name)
                ? new InvalidRequestException($"'{name.ToLowerInvariant()}' is a standard field; only custom fields (ext, date, num) take a display name.")
                : new ResourceNotFoundException($"There is no contact field '{MessageText.Clip(name)}'.");
        }

        var label = body.GetRequiredString("field_display_name", MaxDisplayNameLength);
        await store.Table.UpsertEntityAsync(new TableEntity(accountId, ContactKeys.FieldLabels) { [field.Name] = label }, TableUpdateMode.Merge, cancellationToken);
        return Info(field, label);
    }

    /// <summary>A profile field as the list shows it; its source column is its JSON key.</summary>
    private static ContactFieldInfo Info(ContactField field, string? label) =>
        new(field.Name, label ?? field.DisplayName, field.Name, field.Type.ToString().ToLowerInvariant(), field.IsCustom);

    private async Task<TableEntity> ReadLabelsAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await store.Table.GetEntityIfExistsAsync<TableEntity>(accountId, ContactKeys.FieldLabels, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value! : new TableEntity();
    }
}
