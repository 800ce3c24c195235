using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// What a change record says of each contact, read back from the row the batch builds: the contact
/// as the API shows it as of that very write, its version raised by one, the fields that changed
/// with old and new values, the groups joined and left, and whether it opted out. A write that
/// changes nothing a receiver would notice says nothing.
/// </summary>
public sealed class ChangeRecordsHoldTheContactAsCommitted
{
    private static readonly Contact Dana = ContactSamples.Stored(42, "dana@example.com", 7) with
    {
        Fields = new Dictionary<string, object> { ["first_name"] = "Dana", ["city"] = "Haifa" },
        Version = 4,
    };

    [Fact]
    public void ACreateHoldsTheNewContactAtVersionOne()
    {
        var created = Dana with { Version = 0, Created = ContactSamples.Now, Updated = ContactSamples.Now };

        var revision = Assert.Single(StagedRows.Of(null, created).Revisions());

        Assert.Equal((42L, 1L, ContactRevisionKind.Created, false), (revision.ContactId, revision.Version, revision.Kind, revision.Unsubscribed));
        Assert.Equal("Dana", revision.Contact["first_name"]!.GetValue<string>());
        Assert.Equal(ContactSamples.Now.ToString("yyyy-MM-ddTHH:mm:ss"), revision.Contact["created"]!.GetValue<string>());
        Assert.Equal([7L], revision.GroupsAdded);
        Assert.Empty(revision.Changes);
    }

    [Fact]
    public void AnUpdateHoldsOnlyTheChangedFieldsWithOldAndNewValues()
    {
        var updated = Dana with
        {
            Fields = new Dictionary<string, object> { ["first_name"] = "Dana R.", ["last_name"] = "Levi", ["city"] = "Haifa" },
            Updated = ContactSamples.Now,
        };

        var revision = Assert.Single(StagedRows.Of(Dana, updated).Revisions());

        Assert.Equal((ContactRevisionKind.Updated, 5L), (revision.Kind, revision.Version));
        Assert.Equal(["first_name", "last_name"], revision.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Dana", "Dana R."), (revision.Changes["first_name"].Old!.GetValue<string>(), revision.Changes["first_name"].New!.GetValue<string>()));
        Assert.Null(revision.Changes["last_name"].Old);
        Assert.Equal("Levi", revision.Contact["last_name"]!.GetValue<string>());
    }

    [Fact]
    public void TheWrittenRowCarriesTheRaisedVersion()
    {
        var rows = StagedRows.Of(Dana, Dana with { Fields = new Dictionary<string, object> { ["first_name"] = "Noa" } });

        Assert.Equal(5, rows.Entity(rows.Single(ContactKeys.Contact(42))).GetInt64("Version"));
    }

    [Fact]
    public void AMembershipOnlyChangeHoldsTheGroupsAndNoFieldChanges()
    {
        var revision = Assert.Single(StagedRows.Of(Dana, Dana with { GroupIds = [9] }).Revisions());

        Assert.Equal(ContactRevisionKind.Memberships, revision.Kind);
        Assert.Equal([9L], revision.GroupsAdded);
        Assert.Equal([7L], revision.GroupsRemoved);
        Assert.Empty(revision.Changes);
    }

    [Fact]
    public void ADeleteHoldsTheLastStateMarkedDeletedAndLeavesEveryGroup()
    {
        var revision = Assert.Single(StagedRows.Of(Dana, null).Revisions());

        Assert.Equal((ContactRevisionKind.Deleted, 5L), (revision.Kind, revision.Version));
        Assert.True(revision.Contact["is_deleted"]!.GetValue<bool>());
        Assert.Equal("Dana", revision.Contact["first_name"]!.GetValue<string>());
        Assert.Equal([7L], revision.GroupsRemoved);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("do-not-mail")]
    [InlineData("sms")]
    public void AnOptOutOfEmailOrSmsIsMarked(string how)
    {
        var optedOut = how switch
        {
            "email" => Dana with { Status = SubscriptionStatus.Unsubscribed },
            "do-not-mail" => Dana with { IsDoNotMail = true },
            _ => Dana with { SmsStatus = SubscriptionStatus.Unsubscribed },
        };

        Assert.True(Assert.Single(StagedRows.Of(Dana, optedOut).Revisions()).Unsubscribed);
        Assert.False(Assert.Single(StagedRows.Of(optedOut, Dana).Revisions()).Unsubscribed);
    }

    [Fact]
    public void ARewriteThatChangesNothingVisibleHasNoRecord()
    {
        var rows = StagedRows.Of(Dana, Dana with { Updated = ContactSamples.Now });

        Assert.Empty(rows.WithPrefix(ContactKeys.ChangePrefix));
    }
}
