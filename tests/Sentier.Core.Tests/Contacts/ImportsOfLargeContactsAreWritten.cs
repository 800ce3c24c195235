using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// An import packs contacts by bytes as well as by operations: 32 contacts at the field limits in
/// Hebrew (6.6 MB as the storage client encodes them, and each held again in its change record)
/// take several transactions, and 32 new contacts with 236-character Hebrew addresses are each
/// announced once with their group. Every row is written and reported.
/// </summary>
public sealed class ImportsOfLargeContactsAreWritten
{
    [Fact]
    public async Task ThirtyTwoContactsAtTheFieldLimitsAreAllCreated()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();

        var result = await h.ImportAsync(group.Id, Enumerable.Range(0, 32).Select(n => LargestContacts.Body(n)));

        Assert.Empty(result.Failed);
        Assert.Equal((32, 0), (result.Created, result.Updated));
        var contacts = await h.ReadContactsAsync();
        Assert.Equal(32, contacts.Count);
        Assert.All(contacts, contact => Assert.Equal(ContactFields.All.Count, contact.Fields.Count));
        Assert.Equal((32, 32), ((await h.GetGroupAsync(group.Id)).Counter, (await h.GetGroupAsync(group.Id)).ActiveCounter));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ThirtyTwoLongInternationalAddressesAreAllCreatedAndAnnounced()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var emails = Enumerable.Range(0, 32).Select(n => LargestContacts.Email(n, 236)).ToList();

        var result = await h.ImportAsync(group.Id, emails.Select(email => new { email }));

        Assert.Empty(result.Failed);
        Assert.Equal(32, result.Created);
        var records = await h.ReadRowsAsync(ContactKeys.ChangePrefix);
        var revisions = records.Select(ChangeRecord.FromEntity).SelectMany(record => record.Revisions).ToList();
        Assert.Equal(32, revisions.Count);
        Assert.All(revisions, revision => Assert.Equal(ContactRevisionKind.Created, revision.Kind));
        Assert.Equal(emails.Order(StringComparer.Ordinal), revisions.Select(revision => revision.Contact["email"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(revisions, revision => Assert.Equal([group.Id], revision.GroupsAdded));
        await h.AssertConsistentAsync();
    }
}
