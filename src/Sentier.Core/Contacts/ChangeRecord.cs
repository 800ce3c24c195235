using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Sentier.Core.Storage;

namespace Sentier.Core.Contacts;

/// <summary>
/// The outbox row (<c>o-</c>) of one write transaction: where the changes came from and every
/// change it made, as a JSON array of <c>{kind, contact_id, email, group_id}</c> in UTF-8. A binary
/// property holds at most 64 KiB, so the array's bytes are cut into parts of
/// <see cref="BinaryParts.PartBytes"/> stored in <c>Changes</c>, <c>Changes2</c>, <c>Changes3</c>…;
/// <see cref="FromEntity"/> is the one way to read a row back, whatever its number of parts.
/// </summary>
public sealed record ChangeRecord(ChangeSource Source, string? AppId, DateTimeOffset At, IReadOnlyList<ContactChange> Changes)
{
    /// <summary>
    /// The most JSON one record may hold: 9 parts, well within an entity's 1 MiB even base64-encoded
    /// on the wire. A transaction of 100 operations announces at most about 100 changes of 1.6 KB.
    /// </summary>
    public const int MaxJsonBytes = 9 * BinaryParts.PartBytes;

    private const string ChangesProperty = "Changes";

    /// <summary>The JSON of a change beyond its email: the longest kind, both ids at their widest, and the comma between changes.</summary>
    private static readonly long FixedChangeBytes =
        JsonSerializer.SerializeToUtf8Bytes(new WireChange(
            Enum.GetNames<ContactChangeKind>().MaxBy(name => name.Length)!, long.MinValue, null, long.MinValue)).Length - "null".Length + 1;

    /// <summary>At least the bytes <paramref name="change"/> adds to the record's JSON.</summary>
    public static long JsonBytesBound(ContactChange change) =>
        FixedChangeBytes + (change.Email is null ? "null".Length : TransactionSize.JsonStringBytes(change.Email));

    /// <summary>
    /// At least what the row adds to a transaction when its changes take <paramref name="jsonBytes"/>
    /// (a sum of <see cref="JsonBytesBound"/>): the row without changes, plus the parts base64-encoded.
    /// </summary>
    public static long PayloadBytesBound(long emptyRowBytes, long jsonBytes) =>
        emptyRowBytes + BinaryParts.WireBytesBound(jsonBytes + 2);

    public TableEntity ToEntity(string accountId, string rowKey)
    {
        var entity = new TableEntity(accountId, rowKey)
        {
            ["Source"] = ChangeSources.Name(Source),
            ["AppId"] = AppId,
            ["At"] = At,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(Changes.Select(change =>
            new WireChange(change.Kind.ToString(), change.ContactId, change.Email, change.GroupId)));
        BinaryParts.Write(entity, ChangesProperty, json);
        return entity;
    }

    public static ChangeRecord FromEntity(TableEntity entity)
    {
        var json = BinaryParts.Read(entity, ChangesProperty) ?? throw new JsonException($"The change record {entity.RowKey} holds no changes.");
        var changes = JsonSerializer.Deserialize<List<WireChange>>(json)
            ?? throw new JsonException($"The change record {entity.RowKey} holds no changes.");
        return new ChangeRecord(
            Enum.Parse<ChangeSource>(entity.GetString("Source"), ignoreCase: true),
            entity.GetString("AppId"),
            entity.GetDateTimeOffset("At") ?? throw new JsonException($"The change record {entity.RowKey} has no date."),
            changes.Select(change => new ContactChange(Enum.Parse<ContactChangeKind>(change.Kind), change.ContactId, change.Email, change.GroupId)).ToList());
    }

    private sealed record WireChange(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("contact_id")] long ContactId,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("group_id")] long? GroupId);
}
