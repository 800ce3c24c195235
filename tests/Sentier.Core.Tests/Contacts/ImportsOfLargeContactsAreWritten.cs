using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// An import packs contacts by bytes as well as by operations: 32 contacts at the field limits in
/// Hebrew (6.6 MB as the storage client encodes them) take several transactions, and 32 new
/// contacts with 236-character Hebrew addresses announce 64 changes whose record outgrows a
/// property's 64 KiB and is stored in parts. Every row is written and reported.
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
        Assert.Contains(records, record => record.ContainsKey("Changes2"));
        var changes = records.Select(ChangeRecord.FromEntity).SelectMany(record => record.Changes).ToList();
        Assert.Equal(64, changes.Count);
        Assert.Equal(emails.Order(StringComparer.Ordinal), changes.Where(change => change.Kind == ContactChangeKind.Created).Select(change => change.Email!).Order(StringComparer.Ordinal));
        Assert.All(changes.Where(change => change.Kind == ContactChangeKind.AddedToGroup), change => Assert.Equal(group.Id, change.GroupId));
        await h.AssertConsistentAsync();
    }
}
