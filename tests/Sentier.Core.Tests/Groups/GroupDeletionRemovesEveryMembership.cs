using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// Deleting a group takes every contact out of it and then removes the group's own rows. The
/// contacts themselves stay, with the rest of their memberships, and other groups' counters do
/// not move.
/// </summary>
public sealed class GroupDeletionRemovesEveryMembership
{
    [Fact]
    public async Task TheGroupItsMembershipsAndCountersGoAndItsContactsStay()
    {
        var h = await ContactHarness.CreateAsync();
        var doomed = await h.NewGroupAsync("Doomed");
        var kept = await h.NewGroupAsync("Kept");
        await h.ImportAsync(doomed.Id, Enumerable.Range(0, 70).Select(i => new { email = $"member{i}@example.com", status = i % 7 == 0 ? "Unsubscribed" : null }));
        await h.ImportAsync(kept.Id, Enumerable.Range(50, 40).Select(i => new { email = $"member{i}@example.com" }));

        // Over a hundred delta rows, more than one transaction can delete.
        var outsiders = await h.ImportAsync(kept.Id, Enumerable.Range(0, 110).Select(i => new { email = $"outsider{i}@example.com" }));
        Assert.Equal(110, outsiders.Created);
        await Parallel.ForEachAsync(Enumerable.Range(0, 110), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await h.AddMemberAsync(doomed.Id, $$"""{"email":"outsider{{i}}@example.com"}"""));
        var keptBefore = await h.GetGroupAsync(kept.Id);
        var contactsBefore = await h.ReadContactsAsync();

        await h.DeleteGroupAsync(doomed.Id);

        var contactsAfter = await h.ReadContactsAsync();
        Assert.Equal(contactsBefore.Select(contact => contact.Id), contactsAfter.Select(contact => contact.Id));
        Assert.All(contactsAfter, contact => Assert.DoesNotContain(doomed.Id, contact.GroupIds));
        Assert.All(contactsAfter, contact => Assert.Equal(
            contactsBefore.Single(c => c.Id == contact.Id).GroupIds.Where(groupId => groupId != doomed.Id),
            contact.GroupIds));
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.Group(doomed.Id)));
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.MembersOf(doomed.Id)));
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.CountersOf(doomed.Id)));
        var keptAfter = await h.GetGroupAsync(kept.Id);
        Assert.Equal((keptBefore.Counter, keptBefore.ActiveCounter), (keptAfter.Counter, keptAfter.ActiveCounter));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.GetGroupAsync(doomed.Id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.DeleteGroupAsync(doomed.Id));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task AnEmptyGroupIsDeletedAtOnce()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();

        await h.DeleteGroupAsync(group.Id);

        Assert.Empty(await h.ReadRowsAsync(ContactKeys.GroupPrefix));
        Assert.Empty((await h.Groups.ListAsync(h.AccountId, null, ContactHarness.Page(1, 100), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task AMemberDeletedWhileItsGroupIsDeletedLeavesNoMembershipBehind()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.ImportAsync(group.Id, Enumerable.Range(0, 60).Select(i => new { email = $"member{i}@example.com" }));
        var contacts = await h.ReadContactsAsync();

        var deletes = Task.Run(async () =>
        {
            foreach (var contact in contacts.Where((_, i) => i % 3 == 0))
            {
                await h.Contacts.DeleteAsync(h.AccountId, ContactHarness.Id(contact.Id), ContactHarness.Api, CancellationToken.None);
            }
        });
        await h.AnotherInstance().DeleteGroupAsync(group.Id);
        await deletes;

        Assert.Equal(40, (await h.ReadContactsAsync()).Count);
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.MemberPrefix));
        await h.AssertConsistentAsync();
    }
}
