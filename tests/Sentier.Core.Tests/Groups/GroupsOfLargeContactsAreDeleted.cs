using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// A pass of a group delete rewrites 24 contacts; 24 contacts at the field limits in Hebrew are
/// about 5.5 MB as the storage client encodes them, more than one transaction may carry. The
/// delete splits them over as many transactions as their bytes need and finishes.
/// </summary>
public sealed class GroupsOfLargeContactsAreDeleted
{
    [Fact]
    public async Task TheDeleteFinishesAndEveryMemberLeavesTheGroup()
    {
        var h = await ContactHarness.CreateAsync();
        var doomed = await h.NewGroupAsync("Doomed");
        var kept = await h.NewGroupAsync("Kept");
        for (var n = 0; n < 26; n++)
        {
            await h.AddMemberAsync(doomed.Id, LargestContacts.Json(n));
        }

        await h.AddMemberAsync(kept.Id, LargestContacts.Json(0));

        await h.DeleteGroupAsync(doomed.Id);

        var contacts = await h.ReadContactsAsync();
        Assert.Equal(26, contacts.Count);
        Assert.All(contacts, contact => Assert.DoesNotContain(doomed.Id, contact.GroupIds));
        Assert.Equal([kept.Id], contacts.Single(contact => contact.Email == LargestContacts.Email(0)).GroupIds);
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.MembersOf(doomed.Id)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.GetGroupAsync(doomed.Id));
        await h.AssertConsistentAsync();
    }
}
