using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// An add or an import checks that the group exists and commits the memberships later. If the
/// whole group delete runs in between, the late write must not leave contacts in a group that is
/// gone, nor member or counter rows of it, even when the request is cancelled (or its instance
/// dies) right after its transaction: no later step of the request may be needed to clean up. The
/// late write's transaction is held by the storage client until the delete has finished, so the
/// interleaving is fixed, not left to chance.
/// </summary>
public sealed class GroupDeletesWinOverLateAdds
{
    [Fact]
    public Task AnAddThatCommitsAfterTheGroupWasDeletedLeavesNoMembershipBehind() =>
        LateWriteLeavesNoMembershipAsync((late, groupId) => late.AddMemberAsync(groupId, """{"email":"late@example.com"}"""));

    [Fact]
    public Task AnImportThatCommitsAfterTheGroupWasDeletedLeavesNoMembershipBehind() =>
        LateWriteLeavesNoMembershipAsync((late, groupId) => late.ImportAsync(groupId, Enumerable.Range(0, 10).Select(i => new { email = $"late{i}@example.com" })));

    [Fact]
    public Task AnAddCancelledRightAfterItsTransactionLeavesNoMembershipBehind() =>
        LateWriteLeavesNoMembershipAsync(
            (late, groupId, token) => late.Groups.AddMemberAsync(late.AccountId, ContactHarness.Id(groupId), ContactHarness.Json("""{"email":"late@example.com"}"""), ContactHarness.Api, token),
            cancelAfterCommit: true);

    [Fact]
    public Task AnImportCancelledRightAfterItsTransactionLeavesNoMembershipBehind() =>
        LateWriteLeavesNoMembershipAsync(
            (late, groupId, token) => late.ImportAsync(groupId, Enumerable.Range(0, 10).Select(i => new { email = $"late{i}@example.com" }), token),
            cancelAfterCommit: true);

    private static Task LateWriteLeavesNoMembershipAsync(Func<ContactHarness, long, Task> write) =>
        LateWriteLeavesNoMembershipAsync((late, groupId, _) => write(late, groupId), cancelAfterCommit: false);

    /// <summary>
    /// Holds the late write's transaction while the whole delete runs, then lets it go. With
    /// <paramref name="cancelAfterCommit"/>, the request is cancelled at its next read of the
    /// group row, as a client disconnect (or a crash) would end it there.
    /// </summary>
    private static async Task LateWriteLeavesNoMembershipAsync(Func<ContactHarness, long, CancellationToken, Task> write, bool cancelAfterCommit)
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.ImportAsync(group.Id, Enumerable.Range(0, 5).Select(i => new { email = $"member{i}@example.com" }));
        var traffic = StorageTraffic.Create();
        var late = h.AnotherInstance(traffic.Tables);

        using var cancellation = new CancellationTokenSource();
        var held = traffic.HoldNext(RequestMethod.Post, "/$batch", afterAnswer: false);
        var lateWrite = Task.Run(() => write(late, group.Id, cancellation.Token));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await h.DeleteGroupAsync(group.Id);
        var groupRead = traffic.HoldNext(RequestMethod.Get, h.RowPath(ContactKeys.Group(group.Id)), afterAnswer: false);
        held.Release();
        if (cancelAfterCommit && await Task.WhenAny(lateWrite, groupRead.Reached) == groupRead.Reached)
        {
            await cancellation.CancelAsync();
        }

        groupRead.Release();
        await RefusedOrNotAsync(lateWrite);

        Assert.All(await h.ReadContactsAsync(), contact => Assert.DoesNotContain(group.Id, contact.GroupIds));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.DeleteGroupAsync(group.Id));
        await h.AssertConsistentAsync();
    }

    private static async Task RefusedOrNotAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (Exception ex) when (ex is ResourceNotFoundException or OperationCanceledException)
        {
            // Refusing the late write is one correct outcome, and a cancelled request ends without
            // an answer; leaving nothing behind is the point.
        }
    }
}
