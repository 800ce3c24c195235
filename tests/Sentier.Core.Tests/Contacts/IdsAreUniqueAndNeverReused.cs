using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Contact and group ids come from blocks that each instance reserves on one allocator row per
/// account. However the calls interleave, across instances and within one, no id may be handed
/// out twice, and an id once given is never given again, even after its contact is deleted.
/// </summary>
public sealed class IdsAreUniqueAndNeverReused
{
    private const int Instances = 4;

    [Fact]
    public async Task ConcurrentNextAndReserveCallsOnSeveralInstancesNeverShareAnId()
    {
        var h = await ContactHarness.CreateAsync();
        var allocators = Enumerable.Range(0, Instances).Select(_ => h.AnotherInstance().Ids).ToList();
        var random = new Random(20320304);
        // At most 48 callers contend for the allocator row at once, so none can lose the race
        // more often than ReserveAsync retries (50), however the calls happen to interleave.
        var calls = Enumerable.Range(0, 48)
            .Select(i => (Allocator: allocators[i % Instances], Reserve: random.Next(4) == 0 ? random.Next(1, 40) : 0))
            .ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = calls.Select(call => Task.Run(async () =>
        {
            await start.Task;
            if (call.Reserve == 0)
            {
                return [await call.Allocator.NextAsync(h.AccountId, IdAllocator.ContactSequence, CancellationToken.None)];
            }

            var first = await call.Allocator.ReserveAsync(h.AccountId, IdAllocator.ContactSequence, call.Reserve, CancellationToken.None);
            return Enumerable.Range(0, call.Reserve).Select(offset => first + offset).ToArray();
        })).ToList();
        start.SetResult();
        var handedOut = await Task.WhenAll(requests);

        var ids = handedOut.SelectMany(block => block).ToList();
        Assert.Equal(calls.Sum(call => Math.Max(call.Reserve, 1)), ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > 0, $"Id {id} is not positive."));
    }

    [Fact]
    public async Task OneInstanceHandsOutUniqueIdsAcrossBlockBoundaries()
    {
        var h = await ContactHarness.CreateAsync();
        var ids = new List<long>();
        for (var i = 0; i < 120; i++)
        {
            ids.Add(await h.Ids.NextAsync(h.AccountId, IdAllocator.ContactSequence, CancellationToken.None));
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>What a duplicate id would look like from outside: a create that can never commit.</summary>
    [Fact]
    public async Task SixtyContactsCreatedOneAfterAnotherAllGetTheirOwnId()
    {
        var h = await ContactHarness.CreateAsync();
        for (var i = 0; i < 60; i++)
        {
            await h.UpsertAsync($$"""{"email":"one-by-one{{i}}@example.com"}""");
        }

        var contacts = await h.ReadContactsAsync();
        Assert.Equal(60, contacts.Count);
        Assert.Equal(60, contacts.Select(contact => contact.Id).Distinct().Count());
    }

    [Fact]
    public async Task SequencesAndAccountsCountIndependently()
    {
        var h = await ContactHarness.CreateAsync();
        var other = h.AnotherAccount();

        var contactId = await h.Ids.NextAsync(h.AccountId, IdAllocator.ContactSequence, CancellationToken.None);
        var groupId = await h.Ids.NextAsync(h.AccountId, IdAllocator.GroupSequence, CancellationToken.None);
        var otherAccountsId = await h.Ids.NextAsync(other.AccountId, IdAllocator.ContactSequence, CancellationToken.None);

        Assert.Equal([1L, 1L, 1L], [contactId, groupId, otherAccountsId]);
    }

    [Fact]
    public async Task IdsOfDeletedContactsAreNotGivenAgainByAnyInstance()
    {
        var h = await ContactHarness.CreateAsync();
        var firstIds = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            firstIds.Add((await h.UpsertAsync($$"""{"email":"first{{i}}@example.com"}""")).Id);
        }

        foreach (var id in firstIds)
        {
            await h.Contacts.DeleteAsync(h.AccountId, ContactHarness.Id(id), ContactHarness.Api, CancellationToken.None);
        }

        Assert.Empty(await h.ReadContactsAsync());

        // The same instance, a fresh one (its block starts where the row says) and an import (which reserves a range).
        var sameInstance = (await h.UpsertAsync("""{"email":"first0@example.com"}""")).Id;
        var fresh = h.AnotherInstance();
        var freshInstance = (await fresh.UpsertAsync("""{"email":"first1@example.com"}""")).Id;
        var group = await h.NewGroupAsync();
        var import = await h.ImportAsync(group.Id, Enumerable.Range(2, 8).Select(i => new { email = $"first{i}@example.com" }));
        Assert.Equal(8, import.Created);

        var secondIds = (await h.ReadContactsAsync()).Select(contact => contact.Id).ToList();
        Assert.Contains(sameInstance, secondIds);
        Assert.Contains(freshInstance, secondIds);
        Assert.Equal(10, secondIds.Distinct().Count());
        Assert.Empty(secondIds.Intersect(firstIds));
        Assert.All(secondIds, id => Assert.True(id > firstIds.Max(), $"Id {id} is not after the deleted ids."));
    }

    /// <summary>
    /// The point of blocks is that one instance creating contacts does not update the shared row
    /// for each of them. That must hold when the block runs out under load too: concurrent callers
    /// that find it empty should wait for one refill, not each reserve a block of their own.
    /// </summary>
    [Fact]
    public async Task ConcurrentFirstCallsOnOneInstanceReserveOneBlockBetweenThem()
    {
        var h = await ContactHarness.CreateAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 30).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await h.Ids.NextAsync(h.AccountId, IdAllocator.ContactSequence, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var ids = await Task.WhenAll(requests);

        Assert.Equal(ids.Length, ids.Distinct().Count());
        var row = Assert.Single(await h.ReadRowsAsync(ContactKeys.Allocator(IdAllocator.ContactSequence)));
        Assert.InRange(row.GetInt64("Next")!.Value - 1, 1, 50);
        Assert.All(ids, id => Assert.InRange(id, 1, 50));
    }
}
