using Azure;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Creating a contact in a group writes its row, its email index, its membership, one counter delta
/// and the outbox row, and touches the group's join guard (so it fails once the group is being
/// deleted), all in one transaction.
/// </summary>
public sealed class NewContactBatchRows
{
    private static readonly Contact Created = Stored(42, "dana@example.com", 7) with { Created = Now, Updated = Now };

    [Fact]
    public void ExactlyFiveRowsAreAddedAndTheGroupIsGuarded()
    {
        var rows = StagedRows.Of(null, Created);

        Assert.Equal(6, rows.Actions.Count);
        Assert.All(rows.Actions.Where(action => !action.Entity.RowKey.StartsWith(ContactKeys.JoinGuardPrefix, StringComparison.Ordinal)),
            action => Assert.Equal(TableTransactionActionType.Add, action.ActionType));
        Assert.All(rows.Actions, action => Assert.Equal(StagedRows.Account, action.Entity.PartitionKey));
        Assert.Equal(ContactKeys.Contact(42), rows.Single(ContactKeys.ContactPrefix).Entity.RowKey);
        Assert.Equal(ContactKeys.Email("dana@example.com"), rows.Single(ContactKeys.EmailPrefix).Entity.RowKey);
        Assert.Equal(ContactKeys.Member(7, 42), rows.Single(ContactKeys.MemberPrefix).Entity.RowKey);
        rows.Single(ContactKeys.CountersOf(7));
        rows.Single(ContactKeys.ChangePrefix);
        var guard = rows.Single(ContactKeys.JoinGuardPrefix);
        Assert.Equal(ContactKeys.JoinGuard(7), guard.Entity.RowKey);
        Assert.Equal((TableTransactionActionType.UpdateMerge, ETag.All), (guard.ActionType, guard.ETag));
        Assert.Empty(rows.Entity(guard).Keys.Except(["PartitionKey", "RowKey"]));
    }

    [Fact]
    public void EmailIndexPointsAtTheContact()
    {
        var index = StagedRows.Of(null, Created).Single(ContactKeys.EmailPrefix);

        Assert.Equal(42, ((TableEntity)index.Entity).GetInt64("ContactId"));
    }

    [Fact]
    public void MembershipRecordsWhenItWasAdded()
    {
        var member = StagedRows.Of(null, Created).Single(ContactKeys.MemberPrefix);

        Assert.Equal(Now, ((TableEntity)member.Entity).GetDateTimeOffset("Added"));
    }

    [Fact]
    public void CounterCountsOneActiveMember()
    {
        Assert.Equal((1, 1), StagedRows.Of(null, Created).Counter(7));
    }

    [Fact]
    public void InactiveNewMemberCountsAsMemberOnly()
    {
        Assert.Equal((1, 0), StagedRows.Of(null, Created with { Status = SubscriptionStatus.Pending }).Counter(7));
    }

    [Fact]
    public void OutboxAnnouncesTheCreationAndTheMembership()
    {
        var rows = StagedRows.Of(null, Created);

        Assert.Equal([("Created", 42L, (long?)null), ("AddedToGroup", 42L, 7L)], rows.Changes());
        var outbox = rows.Entity(rows.Single(ContactKeys.ChangePrefix));
        Assert.Equal("api", outbox.GetString("Source"));
        Assert.Equal("app-1", outbox.GetString("AppId"));
        Assert.Equal(Now, outbox.GetDateTimeOffset("At"));
    }

    [Fact]
    public void ContactWithSmsAlsoGetsAnSmsIndex()
    {
        var rows = StagedRows.Of(null, Created with { Sms = "+972541234567" });

        Assert.Equal(7, rows.Actions.Count);
        Assert.Equal(ContactKeys.Sms("+972541234567"), rows.Single(ContactKeys.SmsPrefix).Entity.RowKey);
    }

    [Fact]
    public void ContactWithoutGroupsHasNoCounterRow()
    {
        var rows = StagedRows.Of(null, Created with { GroupIds = [] });

        Assert.Equal(3, rows.Actions.Count);
        Assert.Empty(rows.WithPrefix(ContactKeys.CounterPrefix));
    }

    [Fact]
    public void ContactRowIsTheContactEntity()
    {
        var row = StagedRows.Of(null, Created).Single(ContactKeys.ContactPrefix);

        Assert.Equivalent(Created with { Version = 1 }, ContactEntity.FromEntity((TableEntity)row.Entity), strict: true);
        Assert.Equal(default(ETag), row.ETag);
    }
}
