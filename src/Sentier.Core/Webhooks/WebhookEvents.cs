using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>One event ready to be enqueued: its type (for matching subscriptions) and its envelope.</summary>
public sealed record WebhookEvent(WebhookEventType Type, JsonObject Envelope)
{
    public string Id => Envelope["id"]!.GetValue<string>();
}

/// <summary>
/// Turns one change record (its <c>o-</c> row key, source, app and time, and the revision of each
/// contact it touched) into the events it raises. Everything an event says comes from the record,
/// so dispatching the same record again makes the same events with the same ids:
/// <list type="bullet">
/// <item>Created, Updated, Deleted: <c>contact_created</c> / <c>contact_updated</c> (with
/// <c>data.changes</c>) / <c>contact_deleted</c>, and <c>contact_manual_change</c> when the source is
/// <c>manual</c>, else <c>contact_change</c> (carrying <c>data.changes</c> too for an update).</item>
/// <item>A revision that opted the contact out: <c>contact_unsubscribed</c> besides.</item>
/// <item>Each group joined or left: <c>contact_added_to_group</c> / <c>contact_removed_from_group</c> with <c>data.group</c>.</item>
/// </list>
/// A revision that only changed memberships raises only its group events.
/// </summary>
public static class WebhookEvents
{
    /// <param name="changeKey">The record's <c>o-</c> row key: unique per transaction, so ids are unique per change.</param>
    /// <param name="change">Who made the change (the record's source and app) and when (its <c>At</c>).</param>
    /// <param name="revisions">The record's revisions, in order: an event's id depends on its revision's position.</param>
    /// <param name="groupNames">Names of the groups the revisions joined or left; a group missing here (deleted since) has a null name.</param>
    public static IReadOnlyList<WebhookEvent> From(
        string accountId, string changeKey, ChangeContext change, DateTimeOffset at, IReadOnlyList<ContactRevision> revisions,
        IReadOnlyDictionary<long, string> groupNames)
    {
        var events = new List<WebhookEvent>();
        for (var index = 0; index < revisions.Count; index++)
        {
            var revision = revisions[index];
            var context = new EventContext(accountId, changeKey, index, change, at, revision);
            if (ProfileEvent(revision.Kind) is { } profileEvent)
            {
                var changes = revision.Kind == ContactRevisionKind.Updated ? revision.Changes : null;
                events.Add(context.Event(profileEvent, changes: changes));
                events.Add(context.Event(
                    change.Source == ChangeSource.Manual ? WebhookEventType.ContactManualChange : WebhookEventType.ContactChange, changes: changes));
            }

            if (revision.Unsubscribed)
            {
                events.Add(context.Event(WebhookEventType.ContactUnsubscribed));
            }

            foreach (var groupId in revision.GroupsAdded)
            {
                events.Add(context.Event(WebhookEventType.ContactAddedToGroup, group: (groupId, groupNames.GetValueOrDefault(groupId))));
            }

            foreach (var groupId in revision.GroupsRemoved)
            {
                events.Add(context.Event(WebhookEventType.ContactRemovedFromGroup, group: (groupId, groupNames.GetValueOrDefault(groupId))));
            }
        }

        return events;
    }

    /// <summary>
    /// The envelope every event has, <c>ping</c> included:
    /// <c>{id, type, created, account_id, source, app_id, data}</c>.
    /// </summary>
    public static JsonObject Envelope(
        string id, WebhookEventType type, DateTimeOffset created, string accountId, ChangeSource source, string? appId, JsonObject data) =>
        new()
        {
            ["id"] = id,
            ["type"] = WebhookEventTypes.Name(type),
            ["created"] = Created(created),
            ["account_id"] = accountId,
            ["source"] = ChangeSources.Name(source),
            ["app_id"] = appId,
            ["data"] = data,
        };

    /// <summary><c>created</c>: UTC, ISO 8601 with milliseconds and <c>Z</c> (<c>2026-12-03T15:04:05.123Z</c>).</summary>
    public static string Created(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>evt_</c> and 32 hex digits of a hash of everything that tells one event of a record from
    /// another: the account, the record's key, the revision, the type and the group.
    /// </summary>
    public static string EventId(string accountId, string changeKey, int revisionIndex, WebhookEventType type, long? groupId) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
            '\n', accountId, changeKey, revisionIndex.ToString(CultureInfo.InvariantCulture), WebhookEventTypes.Name(type),
            groupId?.ToString(CultureInfo.InvariantCulture) ?? ""))))[..32];

    private static WebhookEventType? ProfileEvent(ContactRevisionKind kind) => kind switch
    {
        ContactRevisionKind.Created => WebhookEventType.ContactCreated,
        ContactRevisionKind.Updated => WebhookEventType.ContactUpdated,
        ContactRevisionKind.Deleted => WebhookEventType.ContactDeleted,
        _ => null,
    };

    private sealed record EventContext(string AccountId, string ChangeKey, int Index, ChangeContext Change, DateTimeOffset At, ContactRevision Revision)
    {
        public WebhookEvent Event(
            WebhookEventType type, IReadOnlyDictionary<string, FieldChange>? changes = null, (long Id, string? Name)? group = null)
        {
            var data = new JsonObject
            {
                // Every event gets its own copy: a JSON node belongs to one parent.
                ["contact"] = Revision.Contact.DeepClone(),
                ["version"] = Revision.Version,
            };
            if (group is var (groupId, name))
            {
                data["group"] = new JsonObject { ["id"] = groupId, ["name"] = name };
            }

            if (changes is { Count: > 0 })
            {
                var changed = new JsonObject();
                foreach (var (field, change) in changes)
                {
                    changed[field] = new JsonObject { ["old"] = change.Old?.DeepClone(), ["new"] = change.New?.DeepClone() };
                }

                data["changes"] = changed;
            }

            var id = EventId(AccountId, ChangeKey, Index, type, group?.Id);
            return new WebhookEvent(type, Envelope(id, type, At, AccountId, Change.Source, Change.AppId, data));
        }
    }
}
