using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sentier.Core.Contacts;

/// <summary>What a committed transaction did to one contact's profile.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContactRevisionKind>))]
public enum ContactRevisionKind
{
    Created,

    /// <summary>The profile changed (<see cref="ContactRevision.Changes"/> says how).</summary>
    Updated,

    Deleted,

    /// <summary>Only group memberships changed.</summary>
    Memberships,
}

/// <summary>
/// One contact's part of a change record: the contact as that transaction committed it, so events
/// report the state of their own change, not whatever the contact is when they are delivered.
/// </summary>
/// <param name="Version">The contact's version after this change (for a delete, one past its last): every committed write of the contact increases it.</param>
/// <param name="Contact">The contact as the API shows it (<see cref="ContactJson"/>) as of this change; for a delete, its last state with <c>is_deleted: true</c>.</param>
/// <param name="Changes">For <see cref="ContactRevisionKind.Updated"/>: each wire field whose value changed, with its old and new value.</param>
/// <param name="Unsubscribed">This change opted the contact out of email (unsubscribed or do-not-mail) or SMS.</param>
public sealed record ContactRevision(
    long ContactId,
    long Version,
    ContactRevisionKind Kind,
    JsonObject Contact,
    IReadOnlyDictionary<string, FieldChange> Changes,
    IReadOnlyList<long> GroupsAdded,
    IReadOnlyList<long> GroupsRemoved,
    bool Unsubscribed);

/// <summary>A field's value before and after a change, as on the wire.</summary>
public sealed record FieldChange(JsonNode? Old, JsonNode? New);
