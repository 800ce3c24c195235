using Azure;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>Group counters change by delta rows: members and active members move exactly with memberships and activity.</summary>
public sealed class ContactBatchGroupCounters
{
    [Fact]
    public void BecomingInactiveInAKeptGroupLowersOnlyTheActiveCount()
    {
        var before = Stored(42, "dana@example.com", 7);

        var rows = StagedRows.Of(before, before with { Status = SubscriptionStatus.Pending });

        Assert.Equal((0, -1), rows.Counter(7));
        Assert.Empty(rows.WithPrefix(ContactKeys.MemberPrefix));
    }

    [Fact]
    public void DoNotMailCountsAsInactive()
    {
        var before = Stored(42, "dana@example.com", 7, 8);

        var rows = StagedRows.Of(before, before with { IsDoNotMail = true, UnsubscribedAt = Now, UnsubscribeSource = ChangeSource.Api });

        Assert.Equal((0, -1), rows.Counter(7));
        Assert.Equal((0, -1), rows.Counter(8));
    }

    [Fact]
    public void RemovingAGroupDeletesTheMembershipAndCountsItDown()
    {
        var before = Stored(42, "dana@example.com", 7, 8);

        var rows = StagedRows.Of(before, before with { GroupIds = [8] });

        var member = rows.Single(ContactKeys.MemberPrefix);
        Assert.Equal(TableTransactionActionType.Delete, member.ActionType);
        Assert.Equal(ContactKeys.Member(7, 42), member.Entity.RowKey);
        Assert.Equal(ETag.All, member.ETag);
        Assert.Equal((-1, -1), rows.Counter(7));
        Assert.Empty(rows.WithPrefix(ContactKeys.CountersOf(8)));
        Assert.Equal([("RemovedFromGroup", 42L, (long?)7L)], rows.Changes());
    }

    [Fact]
    public void RemovingAnInactiveMemberLeavesTheActiveCount()
    {
        var before = Stored(42, "dana@example.com", 7) with { Status = SubscriptionStatus.Unsubscribed };

        Assert.Equal((-1, 0), StagedRows.Of(before, before with { GroupIds = [] }).Counter(7));
    }

    [Fact]
    public void UnchangedProfileWithANewGroupAnnouncesOnlyTheMembership()
    {
        var before = Stored(42, "dana@example.com", 7);

        var rows = StagedRows.Of(before, before with { GroupIds = [7, 9], Updated = Now });

        Assert.Equal([("AddedToGroup", 42L, (long?)9L)], rows.Changes());
        Assert.Equal((1, 1), rows.Counter(9));
        Assert.Empty(rows.WithPrefix(ContactKeys.CountersOf(7)));
        Assert.Equal(TableTransactionActionType.UpdateReplace, rows.Single(ContactKeys.ContactPrefix).ActionType);
    }

    [Fact]
    public void JoiningAndLeavingInOneWriteCountsBothGroups()
    {
        var before = Stored(42, "dana@example.com", 7) with { Status = SubscriptionStatus.Pending };

        var rows = StagedRows.Of(before, before with { Status = SubscriptionStatus.Subscribed, GroupIds = [9] });

        Assert.Equal((-1, 0), rows.Counter(7));
        Assert.Equal((1, 1), rows.Counter(9));
        Assert.Equal(["Updated", "RemovedFromGroup", "AddedToGroup"], rows.ChangeKinds());
    }

    [Fact]
    public void DeltasOfSeveralContactsInOneGroupShareOneRow()
    {
        var batch = StagedRows.NewBatch();
        var leaving = Stored(1, "a@example.com", 7);
        var joining = Stored(2, "b@example.com");
        var deactivated = Stored(3, "c@example.com", 7);

        Assert.True(batch.TryStage(leaving, leaving with { GroupIds = [] }));
        Assert.True(batch.TryStage(joining, joining with { GroupIds = [7] }));
        Assert.True(batch.TryStage(deactivated, deactivated with { Status = SubscriptionStatus.None }));

        Assert.Equal((0, -1), StagedRows.Of(batch).Counter(7));
    }

    [Fact]
    public void DeltasThatCancelOutWriteNoCounterRow()
    {
        var batch = StagedRows.NewBatch();
        var leaving = Stored(1, "a@example.com", 7);
        var joining = Stored(2, "b@example.com");

        Assert.True(batch.TryStage(leaving, leaving with { GroupIds = [] }));
        Assert.True(batch.TryStage(joining, joining with { GroupIds = [7] }));

        var rows = StagedRows.Of(batch);
        Assert.Empty(rows.WithPrefix(ContactKeys.CounterPrefix));
        Assert.True(rows.Actions.Count <= batch.OperationCount);
    }

    [Fact]
    public void CounterRowsOfOneTransactionAreUnique()
    {
        // Concurrent writers add counter rows for the same group and instant; their keys must still differ.
        var contact = Stored(42, "dana@example.com");
        var first = StagedRows.Of(null, contact with { GroupIds = [7] }).Single(ContactKeys.CountersOf(7)).Entity.RowKey;
        var second = StagedRows.Of(null, contact with { GroupIds = [7] }).Single(ContactKeys.CountersOf(7)).Entity.RowKey;

        Assert.NotEqual(first, second);
    }
}
