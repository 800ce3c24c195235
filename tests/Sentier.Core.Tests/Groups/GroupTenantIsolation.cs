using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// Groups, their members and imports into them are reached only through the account that owns
/// them. Through another account's id, a group of the first does not exist, whatever is tried.
/// </summary>
public sealed class GroupTenantIsolation
{
    [Fact]
    public async Task AnotherAccountCannotSeeUseChangeOrDeleteAGroup()
    {
        var a = await ContactHarness.CreateAsync();
        var b = a.AnotherAccount();
        var group = await a.NewGroupAsync("Private group");
        var member = (await a.AddMemberAsync(group.Id, """{"email":"member@example.com"}""")).Contact;
        var before = await a.SnapshotAsync();
        var id = ContactHarness.Id(group.Id);
        var memberId = ContactHarness.Id(member.Id);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.GetGroupAsync(group.Id));
        Assert.Empty((await b.Groups.ListAsync(b.AccountId, null, ContactHarness.Page(1, 100), CancellationToken.None)).Items);
        Assert.Empty((await b.Groups.ListAsync(b.AccountId, "Private", ContactHarness.Page(1, 100), CancellationToken.None)).Items);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Groups.ListMembersAsync(b.AccountId, id, ContactQuery.Empty, ContactHarness.Page(1, 10), CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Groups.GetMemberAsync(b.AccountId, id, memberId, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.AddMemberAsync(group.Id, """{"email":"intruder@example.com"}"""));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.RemoveMemberAsync(group.Id, member.Id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Groups.RenameAsync(b.AccountId, id, ContactHarness.Json("""{"name":"Hijacked"}"""), CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.DeleteGroupAsync(group.Id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.ImportAsync(group.Id, [new { email = "intruder@example.com" }]));

        Assert.Equal(before, await a.SnapshotAsync());
        Assert.Empty(await b.ReadRowsAsync(ContactKeys.ContactPrefix));
        Assert.Equal("Private group", (await a.GetGroupAsync(group.Id)).Name);
    }

    [Fact]
    public async Task TheSameGroupIdInAnotherAccountHoldsOnlyThatAccountsMembers()
    {
        var a = await ContactHarness.CreateAsync();
        var b = a.AnotherAccount();
        var groupOfA = await a.NewGroupAsync("A");
        var groupOfB = await b.NewGroupAsync("B");
        await a.ImportAsync(groupOfA.Id, Enumerable.Range(0, 5).Select(i => new { email = $"a{i}@example.com" }));
        await b.ImportAsync(groupOfB.Id, Enumerable.Range(0, 3).Select(i => new { email = $"b{i}@example.com" }));

        var membersOfB = await b.Groups.ListMembersAsync(b.AccountId, ContactHarness.Id(groupOfB.Id), ContactQuery.Empty, ContactHarness.Page(1, 100), CancellationToken.None);
        var groupsOfB = await b.Groups.ListAsync(b.AccountId, null, ContactHarness.Page(1, 100), CancellationToken.None);

        Assert.Equal(groupOfA.Id, groupOfB.Id);
        Assert.Equal(["b0@example.com", "b1@example.com", "b2@example.com"], membersOfB.Items.Select(contact => contact.Email).Order());
        Assert.Equal(("B", 3L), (Assert.Single(groupsOfB.Items).Name, groupsOfB.Items[0].Counter));
        Assert.Equal(5, (await a.GetGroupAsync(groupOfA.Id)).Counter);
    }
}
