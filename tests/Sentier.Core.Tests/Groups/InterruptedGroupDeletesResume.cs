using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// A group delete first marks the group as being deleted, then takes members out chunk by chunk.
/// If it stops half-way (an instance dies), the group must already be gone for every reader and
/// writer, and deleting it again must finish the job.
/// </summary>
public sealed class InterruptedGroupDeletesResume
{
    [Fact]
    public async Task AGroupBeingDeletedIsInvisibleAndDeletingAgainFinishesTheJob()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync("Half deleted");
        var other = await h.NewGroupAsync("Other");
        await h.ImportAsync(group.Id, Enumerable.Range(0, 50).Select(i => new { email = $"member{i}@example.com" }));
        await h.ImportAsync(other.Id, Enumerable.Range(0, 10).Select(i => new { email = $"member{i}@example.com" }));
        var contacts = await h.ReadContactsAsync();

        // The delete stopped after marking the group and taking the first 20 members out.
        Assert.True(await h.GroupStore.MarkDeletingAsync(h.AccountId, group.Id, CancellationToken.None));
        foreach (var contact in contacts.Take(20))
        {
            await h.Writer.ModifyAsync(h.AccountId, ContactRef.ById(contact.Id), c => c with { GroupIds = c.GroupIds.Where(g => g != group.Id).ToList() }, ContactHarness.Api, CancellationToken.None);
        }

        var id = ContactHarness.Id(group.Id);
        var member = ContactHarness.Id(contacts[30].Id);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.GetGroupAsync(group.Id));
        Assert.Equal([other.Id], (await h.Groups.ListAsync(h.AccountId, null, ContactHarness.Page(1, 100), CancellationToken.None)).Items.Select(g => g.Id));
        Assert.Equal([other.Id], (await h.Groups.ListAsync(h.AccountId, "e", ContactHarness.Page(1, 100), CancellationToken.None)).Items.Select(g => g.Id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Groups.ListMembersAsync(h.AccountId, id, ContactQuery.Empty, ContactHarness.Page(1, 10), CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Groups.GetMemberAsync(h.AccountId, id, member, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Groups.RenameAsync(h.AccountId, id, ContactHarness.Json("""{"name":"Back"}"""), CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.AddMemberAsync(group.Id, """{"email":"late@example.com"}"""));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.RemoveMemberAsync(group.Id, contacts[30].Id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.ImportAsync(group.Id, [new { email = "late@example.com" }]));
        Assert.Equal([other.Id], (await h.Contacts.GroupsOfAsync(h.AccountId, "member5@example.com", CancellationToken.None)).Select(g => g.Id));

        await h.DeleteGroupAsync(group.Id);

        Assert.All(await h.ReadContactsAsync(), contact => Assert.DoesNotContain(group.Id, contact.GroupIds));
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.Group(group.Id)));
        Assert.Equal(10, (await h.GetGroupAsync(other.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ADeleteThatStoppedAfterTheLastMemberLeftIsFinishedToo()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var contact = (await h.AddMemberAsync(group.Id, """{"email":"only@example.com"}""")).Contact;
        Assert.True(await h.GroupStore.MarkDeletingAsync(h.AccountId, group.Id, CancellationToken.None));
        await h.Writer.ModifyAsync(h.AccountId, ContactRef.ById(contact.Id), c => c with { GroupIds = [] }, ContactHarness.Api, CancellationToken.None);

        await h.DeleteGroupAsync(group.Id);

        Assert.Empty(await h.ReadRowsAsync(ContactKeys.GroupPrefix));
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.CounterPrefix));
        await h.AssertConsistentAsync();
    }
}
