using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Contacts;

/// <summary>
/// The storage operations of one entity-group transaction in an account's partition. Callers
/// stage whole contact states (before → after); the batch derives every index row, membership,
/// counter delta, join guard and the change record from the difference, so no write path can
/// forget one. It counts what it stages against both limits of a transaction, operations and bytes
/// (<see cref="TransactionSize"/>), so a batch that accepted a transition can always be submitted.
/// </summary>
public sealed class ContactBatch(string accountId, ChangeSource source, string? appId, DateTimeOffset now)
{
    /// <summary>Table Storage's limit on operations in one transaction.</summary>
    public const int MaxOperations = 100;

    private readonly List<TableTransactionAction> _actions = [];
    private readonly Dictionary<long, (int Members, int Active)> _counterDeltas = [];
    private readonly HashSet<long> _joinedGroups = [];
    private readonly List<ContactRevision> _revisions = [];
    private readonly List<byte[]> _revisionJson = [];

    /// <summary>Fixed when the batch is made, so a repeat of this very transaction can be told from another writer's.</summary>
    private readonly string _changeKey = ContactKeys.Change(now);

    // Bytes are summed as actions arrive: _measuredActions of _actions are in _actionBytes.
    private long _actionBytes;
    private int _measuredActions;
    private long _changeJsonBytes;
    private long? _counterRowBytes;
    private long? _joinGuardBytes;
    private long? _emptyChangeRowBytes;

    public string AccountId => accountId;

    /// <summary>Operations this batch will submit, counting the change record, counter rows and join guards still to be added.</summary>
    public int OperationCount => _actions.Count + _counterDeltas.Count + _joinedGroups.Count + (_revisions.Count > 0 ? 1 : 0);

    /// <summary>At least the bytes of the transaction this batch will submit, counting the change record and counter rows still to be added.</summary>
    public long PayloadBytes => PayloadBytesWith(0, 0, 0, 0, _revisions.Count);

    /// <summary>What the change record will say of each contact this batch writes.</summary>
    public IReadOnlyList<ContactRevision> Revisions => _revisions;

    /// <summary>
    /// The key of this transaction's change record, or null when it announces nothing. The row
    /// exists exactly when this transaction committed: <see cref="ContactStore.TrySubmitAsync"/>
    /// reads it when storage refuses a transaction that the client may have sent twice.
    /// </summary>
    public string? ChangeKey => _revisions.Count > 0 ? _changeKey : null;

    /// <summary>
    /// Stages the transition if the batch still has room for every operation it derives, in count
    /// and in bytes; otherwise leaves the batch as it is and returns false, so the contact goes into
    /// the next batch.
    /// </summary>
    public bool TryStage(Contact? before, Contact? after)
    {
        var transition = Transition.Derive(accountId, now, before, after);
        var newCounters = transition.Counts.Select(count => count.GroupId).Distinct().Count(groupId => !_counterDeltas.ContainsKey(groupId));
        var newJoins = transition.Joins.Distinct().Count(groupId => !_joinedGroups.Contains(groupId));
        var added = transition.Actions.Count + newCounters + newJoins + (transition.Revision is not null && _revisions.Count == 0 ? 1 : 0);
        if (OperationCount + added > MaxOperations)
        {
            return false;
        }

        long actionBytes = 0;
        foreach (var action in transition.Actions)
        {
            var size = TransactionSize.Measure(action);
            if (!size.WithinEntityLimits)
            {
                return false;
            }

            actionBytes += size.PayloadBytes;
        }

        var revisionJson = transition.Revision is { } revision ? ChangeRecord.Serialize(revision) : null;
        var changeJsonBytes = revisionJson?.Length ?? 0;
        var revisions = _revisions.Count + (revisionJson is null ? 0 : 1);
        if (ChangeRecord.ArrayBytes(_changeJsonBytes + changeJsonBytes, revisions) > ChangeRecord.MaxJsonBytes
            || PayloadBytesWith(actionBytes, newCounters, newJoins, changeJsonBytes, revisions) > TransactionSize.PayloadBudget)
        {
            return false;
        }

        _actions.AddRange(transition.Actions);
        _actionBytes += actionBytes;
        _measuredActions = _actions.Count;
        if (revisionJson is not null)
        {
            _revisions.Add(transition.Revision!);
            _revisionJson.Add(revisionJson);
        }

        _joinedGroups.UnionWith(transition.Joins);
        _changeJsonBytes += changeJsonBytes;
        foreach (var (groupId, members, active) in transition.Counts)
        {
            var (m, a) = _counterDeltas.GetValueOrDefault(groupId);
            _counterDeltas[groupId] = (m + members, a + active);
        }

        return true;
    }

    /// <summary>
    /// Stages a transition into an empty batch: one contact's write, which its field limits and
    /// group cap keep within a transaction (docs/architecture.md). Should it ever not fit, the
    /// write is refused as too large (413) rather than failing in storage.
    /// </summary>
    public void Stage(Contact? before, Contact? after)
    {
        if (!TryStage(before, after))
        {
            throw new RequestTooLargeException(
                $"The change to contact {(after ?? before)?.Id} is too large to store: a write holds at most {MaxOperations} rows and 4 MiB, a row 1 MiB and a field {TransactionSize.MaxStringChars} characters.");
        }
    }

    /// <summary>
    /// Stages <paramref name="transitions"/> in order into as few batches as the limits allow; each
    /// batch comes with how many of the transitions it holds.
    /// </summary>
    public static List<(ContactBatch Batch, int Count)> Pack(IEnumerable<(Contact? Before, Contact? After)> transitions, Func<ContactBatch> newBatch)
    {
        var batches = new List<(ContactBatch Batch, int Count)>();
        var batch = newBatch();
        var count = 0;
        foreach (var (before, after) in transitions)
        {
            if (count > 0 && !batch.TryStage(before, after))
            {
                batches.Add((batch, count));
                batch = newBatch();
                count = 0;
            }

            if (count == 0)
            {
                batch.Stage(before, after);
            }

            count++;
        }

        if (count > 0)
        {
            batches.Add((batch, count));
        }

        return batches;
    }

    public IReadOnlyList<TableTransactionAction> Build()
    {
        var actions = new List<TableTransactionAction>(_actions);
        foreach (var (groupId, (members, active)) in _counterDeltas)
        {
            if (members != 0 || active != 0)
            {
                actions.Add(new(TableTransactionActionType.Add, CounterRow(groupId, members, active)));
            }
        }

        foreach (var groupId in _joinedGroups)
        {
            actions.Add(JoinGuard(groupId));
        }

        if (_revisions.Count > 0)
        {
            // The outbox: committed with the change itself, so no change can go unannounced.
            actions.Add(new(TableTransactionActionType.Add, new ChangeRecord(source, appId, now, _revisions).ToEntity(accountId, _changeKey, _revisionJson)));
        }

        return actions;
    }

    /// <summary>The payload bound once actions of <paramref name="actionBytes"/>, new counter rows, join guards and revisions are added.</summary>
    private long PayloadBytesWith(long actionBytes, int newCounters, int newJoins, long changeJsonBytes, int revisions)
    {
        for (; _measuredActions < _actions.Count; _measuredActions++)
        {
            _actionBytes += TransactionSize.Measure(_actions[_measuredActions]).PayloadBytes;
        }

        var counters = _counterDeltas.Count + newCounters;
        var bytes = _actionBytes + actionBytes + (counters == 0 ? 0 : counters * (_counterRowBytes ??= Measure(CounterRow(0, int.MinValue, int.MinValue))));
        var joins = _joinedGroups.Count + newJoins;
        bytes += joins == 0 ? 0 : joins * (_joinGuardBytes ??= TransactionSize.Measure(JoinGuard(long.MaxValue)).PayloadBytes);
        if (revisions > 0)
        {
            _emptyChangeRowBytes ??= Measure(new ChangeRecord(source, appId, now, []).ToEntity(accountId, _changeKey, []));
            bytes += ChangeRecord.PayloadBytesBound(_emptyChangeRowBytes.Value, _changeJsonBytes + changeJsonBytes, revisions);
        }

        return bytes;
    }

    /// <summary>
    /// Writes nothing, but fails (404) once a group delete has removed the guard row, so no
    /// membership can be committed after the delete has started taking members out.
    /// </summary>
    private TableTransactionAction JoinGuard(long groupId) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(accountId, ContactKeys.JoinGuard(groupId)), ETag.All);

    private TableEntity CounterRow(long groupId, int members, int active) =>
        new(accountId, ContactKeys.Counter(groupId, now)) { ["Members"] = members, ["Active"] = active };

    private static long Measure(TableEntity row) => TransactionSize.Measure(new(TableTransactionActionType.Add, row)).PayloadBytes;

    /// <summary>
    /// Every row operation, counter change and revision that one before→after transition of a
    /// contact implies: the single place where contact rows, versions, indexes, memberships, the
    /// unsubscribe index, group counters and what the change record says are derived.
    /// </summary>
    private sealed class Transition(string accountId, DateTimeOffset now)
    {
        public List<TableTransactionAction> Actions { get; } = [];

        public List<(long GroupId, int Members, int Active)> Counts { get; } = [];

        public List<long> Joins { get; } = [];

        /// <summary>What the change record says of the contact; null when nothing a receiver would notice changed.</summary>
        public ContactRevision? Revision { get; private set; }

        public static Transition Derive(string accountId, DateTimeOffset now, Contact? before, Contact? after)
        {
            var transition = new Transition(accountId, now);
            if (before is null && after is null)
            {
                return transition;
            }

            // Every committed write raises the version, whoever staged it.
            var version = (before?.Version ?? 0) + 1;
            after = after is null ? null : after with { Version = version };
            var id = (after ?? before)!.Id;
            switch (before, after)
            {
                case (null, { } created):
                    transition.Actions.Add(new(TableTransactionActionType.Add, ContactEntity.ToEntity(accountId, created)));
                    break;
                case ({ } deleted, null):
                    transition.Actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, ContactKeys.Contact(id)), deleted.ETag));
                    break;
                case ({ } old, { } updated):
                    transition.Actions.Add(new(TableTransactionActionType.UpdateReplace, ContactEntity.ToEntity(accountId, updated), old.ETag));
                    break;
            }

            transition.DeriveIndex(before?.Email, after?.Email, ContactKeys.Email, id);
            transition.DeriveIndex(before?.Sms, after?.Sms, ContactKeys.Sms, id);
            transition.DeriveUnsubscribed(before, after, id);
            transition.DeriveMemberships(before, after, id);
            transition.Revision = DeriveRevision(before, after, version);
            return transition;
        }

        private static ContactRevision? DeriveRevision(Contact? before, Contact? after, long version)
        {
            var oldGroups = before?.GroupIds ?? [];
            var newGroups = after?.GroupIds ?? [];
            var added = newGroups.Except(oldGroups).ToList();
            var removed = oldGroups.Except(newGroups).ToList();
            var kind = (before, after) switch
            {
                (null, _) => ContactRevisionKind.Created,
                (_, null) => ContactRevisionKind.Deleted,
                _ when !before.HasSameProfileAs(after) => ContactRevisionKind.Updated,
                _ when added.Count > 0 || removed.Count > 0 => ContactRevisionKind.Memberships,
                _ => (ContactRevisionKind?)null,
            };
            if (kind is null)
            {
                return null;
            }

            var contact = ToJson(after ?? (before! with { Version = version }), deleted: after is null);
            var changes = kind == ContactRevisionKind.Updated ? Diff(ToJson(before!, deleted: false), contact) : new Dictionary<string, FieldChange>();
            return new ContactRevision((after ?? before)!.Id, version, kind.Value, contact, changes, added, removed, OptsOut(before, after));
        }

        /// <summary>Stopped email (unsubscribed or do-not-mail) or SMS with this change; a contact created opted out counts.</summary>
        private static bool OptsOut(Contact? before, Contact? after) =>
            after is not null
            && ((after.IsOptedOut && before?.IsOptedOut != true)
                || (after.SmsStatus == SubscriptionStatus.Unsubscribed && before?.SmsStatus != SubscriptionStatus.Unsubscribed));

        private static JsonObject ToJson(Contact contact, bool deleted) =>
            JsonSerializer.SerializeToNode(ContactJson.From(contact, deleted), SentierJson.Options)!.AsObject();

        /// <summary>Every wire field whose value differs, but the bookkeeping dates that every write moves.</summary>
        private static Dictionary<string, FieldChange> Diff(JsonObject before, JsonObject after)
        {
            var changes = new Dictionary<string, FieldChange>(StringComparer.Ordinal);
            foreach (var (name, value) in after)
            {
                if (name is not ("updated" or "created") && !JsonNode.DeepEquals(before[name], value))
                {
                    changes[name] = new FieldChange(before[name]?.DeepClone(), value?.DeepClone());
                }
            }

            return changes;
        }

        private void DeriveIndex(string? before, string? after, Func<string, string> key, long id)
        {
            if (before == after)
            {
                return;
            }

            if (before is not null)
            {
                Actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, key(before)), ETag.All));
            }

            if (after is not null)
            {
                // Add fails if the key is taken: that is what keeps emails and numbers unique.
                Actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, key(after)) { ["ContactId"] = id }));
            }
        }

        private void DeriveUnsubscribed(Contact? before, Contact? after, long id)
        {
            if (before?.UnsubscribedAt == after?.UnsubscribedAt)
            {
                return;
            }

            if (before?.UnsubscribedAt is { } oldDate)
            {
                Actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, ContactKeys.Unsubscribed(oldDate, id)), ETag.All));
            }

            if (after?.UnsubscribedAt is { } newDate)
            {
                Actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Unsubscribed(newDate, id))
                {
                    ["Source"] = after.UnsubscribeSource is { } unsubscribeSource ? ChangeSources.Name(unsubscribeSource) : null,
                }));
            }
        }

        private void DeriveMemberships(Contact? before, Contact? after, long id)
        {
            var oldGroups = before?.GroupIds ?? [];
            var newGroups = after?.GroupIds ?? [];
            var wasActive = before?.IsActive ?? false;
            var isActive = after?.IsActive ?? false;

            foreach (var groupId in oldGroups.Except(newGroups))
            {
                Actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, ContactKeys.Member(groupId, id)), ETag.All));
                Count(groupId, -1, wasActive ? -1 : 0);
            }

            foreach (var groupId in newGroups.Except(oldGroups))
            {
                Actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Member(groupId, id)) { ["Added"] = now }));
                Count(groupId, +1, isActive ? 1 : 0);
                Joins.Add(groupId);
            }

            if (wasActive != isActive)
            {
                foreach (var groupId in oldGroups.Intersect(newGroups))
                {
                    Count(groupId, 0, isActive ? 1 : -1);
                }
            }
        }

        private void Count(long groupId, int members, int active) => Counts.Add((groupId, members, active));
    }
}
