using Azure.Data.Tables;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Reads what a <see cref="ContactBatch"/> would submit. The batch only builds actions, so its tests
/// inspect them by row-key prefix and decode the outbox row instead of committing anything.
/// </summary>
internal sealed class StagedRows
{
    public const string Account = "acct-unit";

    private StagedRows(IReadOnlyList<TableTransactionAction> actions) => Actions = actions;

    public IReadOnlyList<TableTransactionAction> Actions { get; }

    public static StagedRows Of(ContactBatch batch) => new(batch.Build());

    /// <summary>A batch of one transition, written through the API at <see cref="ContactSamples.Now"/>.</summary>
    public static StagedRows Of(Contact? before, Contact? after)
    {
        var batch = NewBatch();
        Assert.True(batch.TryStage(before, after));
        var rows = Of(batch);

        // What TryStage reserved room for is what the transaction will hold.
        Assert.Equal(batch.OperationCount, rows.Actions.Count);
        return rows;
    }

    public static ContactBatch NewBatch() => new(Account, ChangeSource.Api, "app-1", ContactSamples.Now);

    public IReadOnlyList<TableTransactionAction> WithPrefix(string prefix) =>
        Actions.Where(action => action.Entity.RowKey.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    public TableTransactionAction Single(string prefix) => Assert.Single(WithPrefix(prefix));

    public TableEntity Entity(TableTransactionAction action) => Assert.IsType<TableEntity>(action.Entity);

    /// <summary>The (Members, Active) delta of the one counter row of a group.</summary>
    public (int Members, int Active) Counter(long groupId)
    {
        var action = Single(ContactKeys.CountersOf(groupId));
        Assert.Equal(TableTransactionActionType.Add, action.ActionType);
        var row = Entity(action);
        return (row.GetInt32("Members")!.Value, row.GetInt32("Active")!.Value);
    }

    /// <summary>The outbox row's revisions, read back as storage would.</summary>
    public IReadOnlyList<ContactRevision> Revisions() => ChangeRecord.FromEntity(Entity(Single(ContactKeys.ChangePrefix))).Revisions;

    /// <summary>
    /// The outbox row's revisions flattened to (what, contact id, group id): the profile change (a
    /// memberships-only revision has none), <c>Unsubscribed</c> when it opted out, then each group left and joined.
    /// </summary>
    public IReadOnlyList<(string Kind, long ContactId, long? GroupId)> Changes() =>
        Revisions().SelectMany(revision => (revision.Kind == ContactRevisionKind.Memberships ? [] : new[] { (revision.Kind.ToString(), revision.ContactId, (long?)null) })
                .Concat(revision.Unsubscribed ? [("Unsubscribed", revision.ContactId, null)] : [])
                .Concat(revision.GroupsRemoved.Select(groupId => ("RemovedFromGroup", revision.ContactId, (long?)groupId)))
                .Concat(revision.GroupsAdded.Select(groupId => ("AddedToGroup", revision.ContactId, (long?)groupId))))
            .ToList();

    public IReadOnlyList<string> ChangeKinds() => Changes().Select(change => change.Kind).ToList();
}
