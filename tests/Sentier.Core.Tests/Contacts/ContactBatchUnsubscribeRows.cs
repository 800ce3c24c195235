using Azure;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>The unsubscribers list is served by u- rows keyed by date, kept in step with the contact's record.</summary>
public sealed class ContactBatchUnsubscribeRows
{
    private static readonly Contact Subscribed = Stored(42, "dana@example.com", 7);

    private static readonly Contact Unsubscribed = Subscribed with
    {
        Status = SubscriptionStatus.Unsubscribed,
        UnsubscribedAt = Now,
        UnsubscribeSource = ChangeSource.Import,
    };

    [Fact]
    public void UnsubscribingAddsADatedRow()
    {
        var rows = StagedRows.Of(Subscribed, Unsubscribed);

        var row = rows.Single(ContactKeys.UnsubscribedPrefix);
        Assert.Equal(TableTransactionActionType.Add, row.ActionType);
        Assert.Equal(ContactKeys.Unsubscribed(Now, 42), row.Entity.RowKey);
        Assert.Equal("import", ((TableEntity)row.Entity).GetString("Source"));
    }

    [Fact]
    public void UnsubscribingAnnouncesTheUpdateAndTheUnsubscribe()
    {
        Assert.Equal(["Updated", "Unsubscribed"], StagedRows.Of(Subscribed, Unsubscribed).ChangeKinds());
    }

    [Fact]
    public void UnsubscribingAnActiveMemberLowersTheActiveCount()
    {
        Assert.Equal((0, -1), StagedRows.Of(Subscribed, Unsubscribed).Counter(7));
    }

    [Fact]
    public void ResubscribingDeletesTheDatedRow()
    {
        var rows = StagedRows.Of(Unsubscribed, Subscribed);

        var row = rows.Single(ContactKeys.UnsubscribedPrefix);
        Assert.Equal(TableTransactionActionType.Delete, row.ActionType);
        Assert.Equal(ContactKeys.Unsubscribed(Now, 42), row.Entity.RowKey);
        Assert.Equal(ETag.All, row.ETag);
        Assert.Equal(["Updated"], rows.ChangeKinds());
        Assert.Equal(1, rows.Revisions()[0].Changes["status"].New!.GetValue<int>());
        Assert.Equal((0, 1), rows.Counter(7));
    }

    [Fact]
    public void NewUnsubscribedContactGetsItsRowAndAnnouncesTheOptOut()
    {
        var rows = StagedRows.Of(null, Unsubscribed);

        Assert.Equal(TableTransactionActionType.Add, rows.Single(ContactKeys.UnsubscribedPrefix).ActionType);
        Assert.Equal(["Created", "Unsubscribed", "AddedToGroup"], rows.ChangeKinds());
        Assert.Equal((1, 0), rows.Counter(7));
    }

    [Fact]
    public void DeletingAnUnsubscribedContactDeletesItsRow()
    {
        var rows = StagedRows.Of(Unsubscribed, null);

        Assert.Equal(TableTransactionActionType.Delete, rows.Single(ContactKeys.UnsubscribedPrefix).ActionType);
        Assert.Equal((-1, 0), rows.Counter(7));
    }
}
