using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// A counter read sums a group row and its delta rows, then reads the group rows again and starts
/// over for any that changed. What it finds on that second look decides the answer: a group that
/// is now being deleted is no longer in it, and a read that keeps finding changed rows gives up
/// with a 409 rather than answer a sum it could not check. Each storage query of the read is held
/// so that the changes land exactly between its two looks.
/// </summary>
public sealed class CounterReadsNeverAnswerUncheckedSums
{
    [Fact]
    public async Task AGroupMarkedForDeletionDuringTheReadIsLeftOut()
    {
        var h = await ContactHarness.CreateAsync();
        var kept = await h.NewGroupAsync("Kept");
        var deleted = await h.NewGroupAsync("Deleted");
        var contact = await h.UpsertAsync("""{"email":"both@example.com"}""");
        await h.AddMemberAsync(kept.Id, """{"email":"both@example.com"}""");
        await h.AddMemberAsync(deleted.Id, """{"email":"both@example.com"}""");
        var traffic = StorageTraffic.Create();
        var reader = h.AnotherInstance(traffic.Tables);

        // Held after the group rows were read and before their deltas are queried.
        var held = traffic.HoldNext(RequestMethod.Get, "/Contacts()", afterAnswer: false);
        var read = Task.Run(() => reader.Contacts.GroupsOfAsync(h.AccountId, ContactHarness.Id(contact.Id), CancellationToken.None));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await h.GroupStore.MarkDeletingAsync(h.AccountId, deleted.Id, CancellationToken.None));
        held.Release();

        var groups = await read;
        Assert.Equal([(kept.Id, 1L)], groups.Select(group => (group.Id, group.Counter)));
    }

    [Fact]
    public async Task AReadWhoseGroupKeepsChangingAnswersConflictInsteadOfAGuess()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.AddMemberAsync(group.Id, """{"email":"member@example.com"}""");
        var traffic = StorageTraffic.Create();
        var reader = h.AnotherInstance(traffic.Tables);

        var read = Task.Run(() => reader.GetGroupAsync(group.Id));
        for (var change = 0; change < 10; change++)
        {
            // Each look at the deltas is followed by a rename, so the second look finds a new row.
            var deltas = traffic.HoldNext(RequestMethod.Get, "/Contacts()", afterAnswer: true);
            var groupRows = traffic.HoldNext(RequestMethod.Get, "/Contacts()", afterAnswer: false);
            await deltas.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            await h.Groups.RenameAsync(h.AccountId, ContactHarness.Id(group.Id), ContactHarness.Body(new { name = $"Name {change}" }), CancellationToken.None);
            deltas.Release();
            await groupRows.Reached.WaitAsync(TimeSpan.FromSeconds(10));
            groupRows.Release();
        }

        await Assert.ThrowsAsync<ConflictException>(() => read);
        Assert.Equal(1, (await h.GetGroupAsync(group.Id)).Counter);
    }
}
