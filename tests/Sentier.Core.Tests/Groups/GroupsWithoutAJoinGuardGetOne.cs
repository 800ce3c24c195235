using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// A transaction that adds a member fails unless the group's join guard row exists. Groups created
/// before guards existed have none: the first member add gives them one (checked against the group
/// row as it was read), but never to a group that is being deleted.
/// </summary>
public sealed class GroupsWithoutAJoinGuardGetOne
{
    [Fact]
    public async Task AGroupWithoutAGuardStillTakesMembersAndGetsItsGuard()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.Table.DeleteEntityAsync(h.AccountId, ContactKeys.JoinGuard(group.Id));

        Assert.True((await h.AddMemberAsync(group.Id, """{"email":"first@example.com"}""")).JoinedGroup);
        var imported = await h.ImportAsync(group.Id, Enumerable.Range(0, 5).Select(i => new { email = $"row{i}@example.com" }));

        Assert.Equal((5, 0, 0), (imported.Created, imported.Updated, imported.Failed.Count));
        Assert.Equal(6, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task AGroupBeingDeletedGetsNoGuardAndNoMember()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.Table.DeleteEntityAsync(h.AccountId, ContactKeys.JoinGuard(group.Id));

        // The delete marked the group just after a writer had checked that the group exists.
        Assert.True(await h.GroupStore.MarkDeletingAsync(h.AccountId, group.Id, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            h.Writer.UpsertAsync(h.AccountId, h.Contacts.ParsePatch(ContactHarness.Json("""{"email":"late@example.com"}""")), ContactHarness.Api, group.Id, CancellationToken.None));

        Assert.Contains("deleted while this request ran", refused.Message);
        Assert.Empty(await h.ReadContactsAsync());
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.JoinGuardPrefix));
        await h.AssertConsistentAsync();
    }
}
