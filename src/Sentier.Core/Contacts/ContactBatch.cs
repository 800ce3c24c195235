using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Sentier.Core.Contacts;

/// <summary>
/// The storage operations of one entity-group transaction in an account's partition. Callers
/// stage whole contact states (before → after); the batch derives every index row, membership,
/// counter delta and the change record from the difference, so no write path can forget one.
/// </summary>
public sealed class ContactBatch(string accountId, ChangeSource source, string? appId, DateTimeOffset now)
{
    /// <summary>Table Storage's limit on operations in one transaction.</summary>
    public const int MaxOperations = 100;

    private readonly List<TableTransactionAction> _actions = [];
    private readonly Dictionary<long, (int Members, int Active)> _counterDeltas = [];
    private readonly List<ContactChange> _changes = [];

    public string AccountId => accountId;

    /// <summary>Operations this batch will submit, counting the change record and counter rows still to be added.</summary>
    public int OperationCount => _actions.Count + _counterDeltas.Count + (_changes.Count > 0 ? 1 : 0);

    public IReadOnlyList<ContactChange> Changes => _changes;

    /// <summary>
    /// Stages the transition if the batch still has room for every operation it derives; otherwise
    /// leaves the batch as it is and returns false, so the contact goes into the next batch.
    /// </summary>
    public bool TryStage(Contact? before, Contact? after)
    {
        if (OperationCount + OperationsFor(before, after) > MaxOperations)
        {
            return false;
        }

        Stage(before, after);
        return true;
    }

    /// <summary>The operations staging the transition would add to this batch, including new counter rows and the change record.</summary>
    private int OperationsFor(Contact? before, Contact? after)
    {
        var oldGroups = before?.GroupIds ?? [];
        var newGroups = after?.GroupIds ?? [];
        var touched = oldGroups.Except(newGroups).Concat(newGroups.Except(oldGroups)).ToList();
        var membershipOps = touched.Count;
        if ((before?.IsActive ?? false) != (after?.IsActive ?? false))
        {
            touched.AddRange(oldGroups.Intersect(newGroups));
        }

        return 1
            + Differs(before?.Email, after?.Email)
            + Differs(before?.Sms, after?.Sms)
            + Differs(before?.UnsubscribedAt, after?.UnsubscribedAt)
            + membershipOps
            + touched.Distinct().Count(groupId => !_counterDeltas.ContainsKey(groupId))
            + (_changes.Count == 0 ? 1 : 0);
    }

    private static int Differs<T>(T? before, T? after) =>
        EqualityComparer<T?>.Default.Equals(before, after) ? 0 : (before is null ? 0 : 1) + (after is null ? 0 : 1);

    public void Stage(Contact? before, Contact? after)
    {
        if (before is null && after is null)
        {
            return;
        }

        var id = (after ?? before)!.Id;
        switch (before, after)
        {
            case (null, { } created):
                _actions.Add(new(TableTransactionActionType.Add, ContactEntity.ToEntity(accountId, created)));
                _changes.Add(new(ContactChangeKind.Created, id, created.Email));
                break;
            case ({ } deleted, null):
                _actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, ContactKeys.Contact(id)), deleted.ETag));
                _changes.Add(new(ContactChangeKind.Deleted, id, deleted.Email));
                break;
            case ({ } old, { } updated):
                _actions.Add(new(TableTransactionActionType.UpdateReplace, ContactEntity.ToEntity(accountId, updated), old.ETag));
                if (!old.HasSameProfileAs(updated))
                {
                    _changes.Add(new(ContactChangeKind.Updated, id, updated.Email));
                }

                break;
        }

        StageIndex(before?.Email, after?.Email, ContactKeys.Email, id);
        StageIndex(before?.Sms, after?.Sms, ContactKeys.Sms, id);
        StageUnsubscribed(before, after, id);
        StageMemberships(before, after, id);
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

        if (_changes.Count > 0)
        {
            // The outbox: committed with the change itself, so no change can go unannounced.
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Change(now))
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

    private void StageIndex(string? before, string? after, Func<string, string> key, long id)
    {
        if (before == after)
        {
            return;
        }

        if (before is not null)
        {
            _actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, key(before)), ETag.All));
        }

        if (after is not null)
        {
            // Add fails if the key is taken: that is what keeps emails and numbers unique.
            _actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, key(after)) { ["ContactId"] = id }));
        }
    }

    private void StageUnsubscribed(Contact? before, Contact? after, long id)
    {
        if (before?.UnsubscribedAt == after?.UnsubscribedAt)
        {
            return;
        }

        if (before?.UnsubscribedAt is { } oldDate)
        {
            _actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, ContactKeys.Unsubscribed(oldDate, id)), ETag.All));
        }

        if (after?.UnsubscribedAt is { } newDate)
        {
            _actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Unsubscribed(newDate, id))
            {
                ["Source"] = after.UnsubscribeSource is { } unsubscribeSource ? ChangeSources.Name(unsubscribeSource) : null,
            }));
        }

        if (before is not null && after is not null)
        {
            _changes.Add(new(after.IsOptedOut ? ContactChangeKind.Unsubscribed : ContactChangeKind.Resubscribed, id, after.Email));
        }
    }

    private void StageMemberships(Contact? before, Contact? after, long id)
    {
        var oldGroups = before?.GroupIds ?? [];
        var newGroups = after?.GroupIds ?? [];
        var wasActive = before?.IsActive ?? false;
        var isActive = after?.IsActive ?? false;

        foreach (var groupId in oldGroups.Except(newGroups))
        {
            _actions.Add(new(TableTransactionActionType.Delete, new TableEntity(accountId, ContactKeys.Member(groupId, id)), ETag.All));
            Count(groupId, -1, wasActive ? -1 : 0);
            _changes.Add(new(ContactChangeKind.RemovedFromGroup, id, before!.Email, groupId));
        }

        foreach (var groupId in newGroups.Except(oldGroups))
        {
            _actions.Add(new(TableTransactionActionType.Add, new TableEntity(accountId, ContactKeys.Member(groupId, id)) { ["Added"] = now }));
            Count(groupId, +1, isActive ? 1 : 0);
            _changes.Add(new(ContactChangeKind.AddedToGroup, id, after!.Email, groupId));
        }

        if (wasActive != isActive)
        {
            foreach (var groupId in oldGroups.Intersect(newGroups))
            {
                Count(groupId, 0, isActive ? 1 : -1);
            }
        }
    }

    private void Count(long groupId, int members, int active)
    {
        var (m, a) = _counterDeltas.GetValueOrDefault(groupId);
        _counterDeltas[groupId] = (m + members, a + active);
    }
}
