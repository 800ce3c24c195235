using Azure;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>Changing an email or number moves its index row in the same transaction as the contact.</summary>
public sealed class ContactBatchIndexChanges
{
    private static readonly Contact Before = Stored(42, "old@example.com") with { Sms = "+972541234567", ETag = new ETag("W/\"before\"") };

    [Fact]
    public void EmailChangeDeletesTheOldIndexAndAddsTheNew()
    {
        var rows = StagedRows.Of(Before, Before with { Email = "new@example.com", Updated = Now });

        var indexes = rows.WithPrefix(ContactKeys.EmailPrefix);
        Assert.Equal(2, indexes.Count);
        var removed = Assert.Single(indexes, action => action.ActionType == TableTransactionActionType.Delete);
        Assert.Equal(ContactKeys.Email("old@example.com"), removed.Entity.RowKey);
        Assert.Equal(ETag.All, removed.ETag);
        var added = Assert.Single(indexes, action => action.ActionType == TableTransactionActionType.Add);
        Assert.Equal(ContactKeys.Email("new@example.com"), added.Entity.RowKey);
        Assert.Equal(42, ((TableEntity)added.Entity).GetInt64("ContactId"));
        Assert.Empty(rows.WithPrefix(ContactKeys.SmsPrefix));
    }

    [Fact]
    public void ContactIsReplacedOnlyIfUnchangedSinceItWasRead()
    {
        var rows = StagedRows.Of(Before, Before with { Email = "new@example.com" });

        var contact = rows.Single(ContactKeys.ContactPrefix);
        Assert.Equal(TableTransactionActionType.UpdateReplace, contact.ActionType);
        Assert.Equal(new ETag("W/\"before\""), contact.ETag);
        Assert.Equal(4, rows.Actions.Count);
        Assert.Equal(["Updated"], rows.ChangeKinds());
    }

    [Fact]
    public void SmsChangeMovesTheSmsIndex()
    {
        var rows = StagedRows.Of(Before, Before with { Sms = "+972547654321" });

        var indexes = rows.WithPrefix(ContactKeys.SmsPrefix);
        Assert.Equal(ContactKeys.Sms("+972541234567"), Assert.Single(indexes, action => action.ActionType == TableTransactionActionType.Delete).Entity.RowKey);
        Assert.Equal(ContactKeys.Sms("+972547654321"), Assert.Single(indexes, action => action.ActionType == TableTransactionActionType.Add).Entity.RowKey);
    }

    [Fact]
    public void ClearingTheEmailOnlyDeletesItsIndex()
    {
        var rows = StagedRows.Of(Before, Before with { Email = null });

        var index = rows.Single(ContactKeys.EmailPrefix);
        Assert.Equal(TableTransactionActionType.Delete, index.ActionType);
        Assert.Equal(3, rows.Actions.Count);
    }

    [Fact]
    public void UnchangedIndexesAreNotTouched()
    {
        var rows = StagedRows.Of(Before, Before with { Fields = new Dictionary<string, object> { ["city"] = "Haifa" } });

        Assert.Empty(rows.WithPrefix(ContactKeys.EmailPrefix));
        Assert.Empty(rows.WithPrefix(ContactKeys.SmsPrefix));
        Assert.Equal(2, rows.Actions.Count);
    }

    [Fact]
    public void DeletingAContactDeletesItsRowIndexesAndMemberships()
    {
        var member = Before with { GroupIds = [7] };

        var rows = StagedRows.Of(member, null);

        Assert.Equal(TableTransactionActionType.Delete, rows.Single(ContactKeys.ContactPrefix).ActionType);
        Assert.Equal(new ETag("W/\"before\""), rows.Single(ContactKeys.ContactPrefix).ETag);
        Assert.Equal(TableTransactionActionType.Delete, rows.Single(ContactKeys.EmailPrefix).ActionType);
        Assert.Equal(TableTransactionActionType.Delete, rows.Single(ContactKeys.SmsPrefix).ActionType);
        Assert.Equal(TableTransactionActionType.Delete, rows.Single(ContactKeys.MemberPrefix).ActionType);
        Assert.Equal((-1, -1), rows.Counter(7));
        Assert.Equal(["Deleted", "RemovedFromGroup"], rows.ChangeKinds());
    }
}
