using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// An add or an import checks that the group exists and commits the memberships later. If the
/// whole group delete runs in between, the late write must not leave contacts in a group that is
/// gone, nor member or counter rows of it. The late write's transaction is held by the storage
/// client until the delete has finished, so the interleaving is fixed, not left to chance.
/// </summary>
public sealed class GroupDeletesWinOverLateAdds
{
    [Fact]
    public Task AnAddThatCommitsAfterTheGroupWasDeletedLeavesNoMembershipBehind() =>
        LateWriteLeavesNoMembershipAsync((late, groupId) => late.AddMemberAsync(groupId, """{"email":"late@example.com"}"""));

    [Fact]
    public Task AnImportThatCommitsAfterTheGroupWasDeletedLeavesNoMembershipBehind() =>
        LateWriteLeavesNoMembershipAsync((late, groupId) => late.ImportAsync(groupId, Enumerable.Range(0, 10).Select(i => new { email = $"late{i}@example.com" })));

    /// <summary>Holds the late write's transaction while the whole delete runs, then lets it commit.</summary>
    private static async Task LateWriteLeavesNoMembershipAsync(Func<ContactHarness, long, Task> write)
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.ImportAsync(group.Id, Enumerable.Range(0, 5).Select(i => new { email = $"member{i}@example.com" }));
        var traffic = StorageTraffic.Create();
        var late = h.AnotherInstance(traffic.Tables);

        var held = traffic.HoldNext(RequestMethod.Post, "/$batch", afterAnswer: false);
        var lateWrite = write(late, group.Id);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await h.DeleteGroupAsync(group.Id);
        held.Release();
        await RefusedOrNotAsync(lateWrite);

        Assert.All(await h.ReadContactsAsync(), contact => Assert.DoesNotContain(group.Id, contact.GroupIds));
        await h.AssertConsistentAsync();
    }

    private static async Task RefusedOrNotAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (ResourceNotFoundException)
        {
            // Refusing the late write is one correct outcome; leaving nothing behind is the point.
        }
    }
}
