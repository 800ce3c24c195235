using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Contacts;

/// <summary>
/// The outbox row (<c>o-</c>) of one write transaction: where the changes came from and, for each
/// contact it touched, a <see cref="ContactRevision"/> holding the contact as committed. Events are
/// made from it, so they report the state of their own change however late they are delivered.
/// The revisions are a JSON array in UTF-8 (non-ASCII text unescaped, two bytes a Hebrew letter),
/// cut into the binary parts <c>Revisions</c>, <c>Revisions2</c>… (<see cref="BinaryParts"/>);
/// a revision's new field values are read from its contact, so only the old ones are stored.
/// <see cref="FromEntity"/> is the one way to read a row back. Rows written before revisions
/// existed hold a <c>Changes</c> array of ids only and read as a record without revisions.
/// </summary>
public sealed record ChangeRecord(ChangeSource Source, string? AppId, DateTimeOffset At, IReadOnlyList<ContactRevision> Revisions)
{
    /// <summary>
    /// The most JSON one record may hold: 11 parts, so the row stays under an entity's 1 MiB even as
    /// the storage client sends it (base64, a third larger). The largest contact's update takes about
    /// 160 KB of it.
    /// </summary>
    public const int MaxJsonBytes = 11 * BinaryParts.PartBytes;

    private const string RevisionsProperty = "Revisions";

    /// <summary>The JSON of one revision as the record stores it; a batch sums these to size the row.</summary>
    public static byte[] Serialize(ContactRevision revision) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new WireRevision(
                revision.ContactId,
                revision.Version,
                revision.Kind,
                revision.Contact,
                revision.Changes.Count == 0 ? null : revision.Changes.ToDictionary(change => change.Key, change => change.Value.Old?.DeepClone()),
                revision.GroupsAdded,
                revision.GroupsRemoved,
                revision.Unsubscribed),
            SentierJson.Options);

    /// <summary>
    /// At least what the row adds to a transaction when its revisions' JSON (<see cref="Serialize"/>)
    /// takes <paramref name="jsonBytes"/>: the row without revisions, plus the array's brackets and
    /// commas (<paramref name="revisions"/>) and the parts base64-encoded.
    /// </summary>
    public static long PayloadBytesBound(long emptyRowBytes, long jsonBytes, int revisions) =>
        emptyRowBytes + BinaryParts.WireBytesBound(ArrayBytes(jsonBytes, revisions));

    /// <summary>The array's bytes: the revisions, the commas between them and the brackets.</summary>
    public static long ArrayBytes(long jsonBytes, int revisions) => jsonBytes + Math.Max(0, revisions - 1) + 2;

    public TableEntity ToEntity(string accountId, string rowKey) => ToEntity(accountId, rowKey, Revisions.Select(Serialize).ToList());

    /// <summary>The row from revisions already serialised (by the batch that sized them).</summary>
    public TableEntity ToEntity(string accountId, string rowKey, IReadOnlyList<byte[]> revisionJson)
    {
        var entity = new TableEntity(accountId, rowKey)
        {
            ["Source"] = ChangeSources.Name(Source),
            ["AppId"] = AppId,
            ["At"] = At,
        };
        var json = new byte[ArrayBytes(revisionJson.Sum(json => (long)json.Length), revisionJson.Count)];
        json[0] = (byte)'[';
        var at = 1;
        foreach (var revision in revisionJson)
        {
            if (at > 1)
            {
                json[at++] = (byte)',';
            }

            revision.CopyTo(json, at);
            at += revision.Length;
        }

        json[at] = (byte)']';
        BinaryParts.Write(entity, RevisionsProperty, json);
        return entity;
    }

    public static ChangeRecord FromEntity(TableEntity entity)
    {
        var revisions = BinaryParts.Read(entity, RevisionsProperty) is { } json
            ? (JsonSerializer.Deserialize<List<WireRevision>>(json, SentierJson.Options)
                ?? throw new JsonException($"The change record {entity.RowKey} holds no revisions.")).Select(ToRevision).ToList()
            : [];
        return new ChangeRecord(
            Enum.Parse<ChangeSource>(entity.GetString("Source"), ignoreCase: true),
            entity.GetString("AppId"),
            entity.GetDateTimeOffset("At") ?? throw new JsonException($"The change record {entity.RowKey} has no date."),
            revisions);
    }

    private static ContactRevision ToRevision(WireRevision wire) =>
        new(
            wire.Id,
            wire.Version,
            wire.Kind,
            wire.Contact,
            (wire.Old ?? []).ToDictionary(old => old.Key, old => new FieldChange(old.Value, wire.Contact[old.Key]?.DeepClone())),
            wire.GroupsAdded,
            wire.GroupsRemoved,
            wire.Unsubscribed);

    /// <summary>A revision as stored: the new values of changed fields are those of <c>contact</c>.</summary>
    private sealed record WireRevision(
        long Id,
        long Version,
        ContactRevisionKind Kind,
        JsonObject Contact,
        Dictionary<string, JsonNode?>? Old,
        IReadOnlyList<long> GroupsAdded,
        IReadOnlyList<long> GroupsRemoved,
        bool Unsubscribed);
}
