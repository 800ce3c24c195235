using Azure.Core;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// A group's counters are its row's base plus one delta row per transaction that touched it. A read
/// that finds 32 or more deltas folds them into the base, guarded by the row's ETag, so the count
/// is the same before and after a fold and no delta is counted twice or lost, even when readers
/// fold at the same moment.
/// </summary>
public sealed class CounterDeltasFoldIntoTheGroupRow
{
    private const int FoldThreshold = 32;

    [Fact]
    public async Task AReadFoldsThirtyTwoDeltasAndTheTotalsStayTheSame()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await AddMembersAsync(h, group.Id, FoldThreshold);
        Assert.Equal(FoldThreshold, (await h.ReadRowsAsync(ContactKeys.CountersOf(group.Id))).Count);

        var read = await h.GetGroupAsync(group.Id);

        Assert.Equal((FoldThreshold, FoldThreshold), (read.Counter, read.ActiveCounter));
        Assert.Empty(await h.ReadRowsAsync(ContactKeys.CountersOf(group.Id)));
        var row = Assert.Single(await h.ReadRowsAsync(ContactKeys.Group(group.Id)));
        Assert.Equal(FoldThreshold, row.GetInt64("Members"));
        var again = await h.GetGroupAsync(group.Id);
        Assert.Equal((read.Counter, read.ActiveCounter), (again.Counter, again.ActiveCounter));
    }

    [Fact]
    public async Task FewerThanThirtyTwoDeltasAreCountedWithoutFolding()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await AddMembersAsync(h, group.Id, FoldThreshold - 1);

        var read = await h.GetGroupAsync(group.Id);

        Assert.Equal(FoldThreshold - 1, read.Counter);
        Assert.Equal(FoldThreshold - 1, (await h.ReadRowsAsync(ContactKeys.CountersOf(group.Id))).Count);
    }

    [Fact]
    public async Task MoreDeltasThanOneTransactionHoldsFoldOverSeveralReads()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await AddMembersAsync(h, group.Id, 150);
        var removed = (await h.ReadContactsAsync()).Take(10).ToList();
        foreach (var contact in removed)
        {
            await h.RemoveMemberAsync(group.Id, contact.Id);
        }

        for (var read = 0; read < 3; read++)
        {
            var stored = await h.GetGroupAsync(group.Id);
            Assert.Equal((140, 140), (stored.Counter, stored.ActiveCounter));
        }

        Assert.InRange((await h.ReadRowsAsync(ContactKeys.CountersOf(group.Id))).Count, 0, FoldThreshold - 1);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ConcurrentReadersThatFoldAtOnceAllSeeTheExactTotals()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await AddMembersAsync(h, group.Id, 80);
        var readers = Enumerable.Range(0, 8).Select(_ => h.AnotherInstance().GroupStore).ToList();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = readers.Select(reader => Task.Run(async () =>
        {
            await start.Task;
            return await reader.FindAsync(h.AccountId, group.Id, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var groups = await Task.WhenAll(reads);

        Assert.All(groups, read => Assert.Equal((80L, 80L), (read!.Counter, read.ActiveCounter)));
        Assert.Equal(80, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task FoldsWhileMembersAreAddedLoseNoDelta()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await AddMembersAsync(h, group.Id, 40);

        var adding = AddMembersAsync(h, group.Id, 60, firstIndex: 40);
        var reading = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await h.AnotherInstance().GroupStore.FindAsync(h.AccountId, group.Id, CancellationToken.None);
            }
        });
        await Task.WhenAll(adding, reading);

        Assert.Equal(100, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    /// <summary>
    /// The interleaving of two readers fixed in the worst order: the first has read the group row
    /// but not yet its deltas when the second folds them into the row. The first must not report
    /// the old base without the deltas that are now inside the new one.
    /// </summary>
    [Fact]
    public async Task AReadThatOverlapsAFoldStillCountsEveryMember()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await AddMembersAsync(h, group.Id, 40);
        var traffic = StorageTraffic.Create();
        var slowReader = h.AnotherInstance(traffic.Tables).GroupStore;

        // Held after the group row was read and before the delta rows are queried.
        var held = traffic.HoldNext(RequestMethod.Get, "/Contacts()", afterAnswer: false);
        var slowRead = slowReader.FindAsync(h.AccountId, group.Id, CancellationToken.None);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        var folded = await h.GetGroupAsync(group.Id);
        held.Release();
        var overlapping = await slowRead;

        Assert.Equal(40, folded.Counter);
        Assert.Equal((40L, 40L), (overlapping!.Counter, overlapping.ActiveCounter));
    }

    /// <summary>
    /// One delta row per member: the contacts are imported elsewhere first (one delta per import
    /// transaction there), then each joins this group in a transaction of its own.
    /// </summary>
    private static async Task AddMembersAsync(ContactHarness h, long groupId, int count, int firstIndex = 0)
    {
        var emails = Enumerable.Range(firstIndex, count).Select(i => $"member{i}@example.com").ToList();
        var holding = await h.NewGroupAsync("Holding");
        Assert.Equal(count, (await h.ImportAsync(holding.Id, emails.Select(email => new { email }))).Created);
        await Parallel.ForEachAsync(
            emails,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (email, _) => Assert.True((await h.AddMemberAsync(groupId, $$"""{"email":"{{email}}"}""")).JoinedGroup));
    }
}
