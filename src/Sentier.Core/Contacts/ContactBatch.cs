using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Sentier.Core.Contacts;

/// <summary>
/// The storage operations of one entity-group transaction in an account's partition. Callers
/// stage whole contact states (before → after); the batch derives every index row, membership,
/// counter delta, join guard and the change record from the difference, so no write path can
/// forget one.
/// </summary>
public sealed class ContactBatch(string accountId, ChangeSource source, string? appId, DateTimeOffset now)
{
    /// <summary>Table Storage's limit on operations in one transaction.</summary>
    public const int MaxOperations = 100;

    private readonly List<TableTransactionAction> _actions = [];
    private readonly Dictionary<long, (int Members, int Active)> _counterDeltas = [];
    private readonly HashSet<long> _joinedGroups = [];
    private readonly List<ContactChange> _changes = [];

    /// <summary>Fixed when the batch is made, so a repeat of this very transaction can be told from another writer's.</summary>
    private readonly string _changeKey = ContactKeys.Change(now);

    public string AccountId => accountId;

    /// <summary>Operations this batch will submit, counting the change record, counter rows and join guards still to be added.</summary>
    public int OperationCount => _actions.Count + _counterDeltas.Count + _joinedGroups.Count + (_changes.Count > 0 ? 1 : 0);

    public IReadOnlyList<ContactChange> Changes => _changes;

    /// <summary>
    /// The key of this transaction's change record, or null when it announces nothing. The row
    /// exists exactly when this transaction committed: <see cref="ContactStore.TrySubmitAsync"/>
    /// reads it when storage refuses a transaction that the client may have sent twice.
    /// </summary>
    public string? ChangeKey => _changes.Count > 0 ? _changeKey : null;

    /// <summary>
    /// Stages the transition if the batch still has room for every operation it derives; otherwise
    /// leaves the batch as it is and returns false, so the contact goes into the next batch.
    /// </summary>
    public bool TryStage(Contact? before, Contact? after)
    {
        var transition = Transition.Derive(accountId, now, before, after);
        var added = transition.Actions.Count
            + transition.Counts.Select(count => count.GroupId).Distinct().Count(groupId => !_counterDeltas.ContainsKey(groupId))
            + transition.Joins.Count(groupId => !_joinedGroups.Contains(groupId))
            + (transition.Changes.Count > 0 && _changes.Count == 0 ? 1 : 0);
        if (OperationCount + added > MaxOperations)
        {
            return false;
        }

        _actions.AddRange(transition.Actions);
        _changes.AddRange(transition.Changes);
        _joinedGroups.UnionWith(transition.Joins);
        foreach (var (groupId, members, active) in transition.Counts)
        {
            var (m, a) = _counterDeltas.GetValueOrDefault(groupId);
            _counterDeltas[groupId] = (m + members, a + active);
        }

        return true;
    }

    /// <summary>Stages a transition that must fit (one contact's write; its group cap keeps it within a transaction).</summary>
    public void Stage(Contact? before, Contact? after)
    {
        if (!TryStage(before, after))
        {
            throw new InvalidOperationException($"The change to contact {(after ?? before)?.Id} needs more than {MaxOperations} storage operations.");
        }
    }

    public IReadOnlyList<TableTransactionAction> Build()
    {
        var actions = new List<TableTransactionAction>(_actions);
        foreach (var (groupId, (members, active)) in _counterDeltas)
        {
            if (members != 0 || active != 0)
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Counter(groupId, now))
                {
                    ["Members"] = members,
                    ["Active"] = active,
                }));
            }
        }

        foreach (var groupId in _joinedGroups)
        {
            // Writes nothing, but fails (404) once a group delete has removed the guard row, so no
            // membership can be committed after the delete has started taking members out.
            actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(accountId, ContactKeys.JoinGuard(groupId)), ETag.All));
        }

        if (_changes.Count > 0)
        {
            // The outbox: committed with the change itself, so no change can go unannounced.
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, _changeKey)
            {
                ["Source"] = ChangeSources.Name(source),
                ["AppId"] = appId,
                ["At"] = now,
                ["Changes"] = JsonSerializer.SerializeToUtf8Bytes(_changes.Select(change => new
                {
                    kind = change.Kind.ToString(),
                    contact_id = change.ContactId,
                    email = change.Email,
                    group_id = change.GroupId,
                })),
            }));
        }

        return actions;
    }

    /// <summary>
    /// Every row operation, counter change and announced change that one before→after transition
    /// of a contact implies: the single place where contact rows, indexes, memberships, the
    /// unsubscribe index and group counters are derived.
    /// </summary>
    private sealed class Transition(string accountId, DateTimeOffset now)
    {
        public List<TableTransactionAction> Actions { get; } = [];

        public List<(long GroupId, int Members, int Active)> Counts { get; } = [];

        public List<ContactChange> Changes { get; } = [];

        public List<long> Joins { get; } = [];

        public static Transition Derive(string accountId, DateTimeOffset now, Contact? before, Contact? after)
        {
            var transition = new Transition(accountId, now);
            if (before is null && after is null)
            {
                return transition;
            }

            var id = (after ?? before)!.Id;
            switch (before, after)
            {
                case (null, { } created):
                    transition.Actions.Add(new(TableTransactionActionType.Add, ContactEntity.ToEntity(accountId, created)));
                    transition.Changes.Add(new(ContactChangeKind.Created, id, created.Email));
                    break;
                case ({ } deleted, null):
                    transition.Actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, ContactKeys.Contact(id)), deleted.ETag));
                    transition.Changes.Add(new(ContactChangeKind.Deleted, id, deleted.Email));
                    break;
                case ({ } old, { } updated):
                    transition.Actions.Add(new(TableTransactionActionType.UpdateReplace, ContactEntity.ToEntity(accountId, updated), old.ETag));
                    if (!old.HasSameProfileAs(updated))
                    {
                        transition.Changes.Add(new(ContactChangeKind.Updated, id, updated.Email));
                    }

                    break;
            }

            transition.DeriveIndex(before?.Email, after?.Email, ContactKeys.Email, id);
            transition.DeriveIndex(before?.Sms, after?.Sms, ContactKeys.Sms, id);
            transition.DeriveUnsubscribed(before, after, id);
            transition.DeriveMemberships(before, after, id);
            return transition;
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

            if (before is not null && after is not null)
            {
                Changes.Add(new(after.IsOptedOut ? ContactChangeKind.Unsubscribed : ContactChangeKind.Resubscribed, id, after.Email));
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
                Changes.Add(new(ContactChangeKind.RemovedFromGroup, id, before!.Email, groupId));
            }

            foreach (var groupId in newGroups.Except(oldGroups))
            {
                Actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Member(groupId, id)) { ["Added"] = now }));
                Count(groupId, +1, isActive ? 1 : 0);
                Joins.Add(groupId);
                Changes.Add(new(ContactChangeKind.AddedToGroup, id, after!.Email, groupId));
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
