using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// Adding one new email to one group from many requests at once must create one contact, one
/// membership and count it once: the member row is added in the transaction that joins the
/// contact to the group, so exactly one request can be the one that joined it.
/// </summary>
public sealed class ConcurrentMemberAddsJoinOnce
{
    private const int Requests = 40;

    [Fact]
    public async Task FortyParallelAddsOfOneNewEmailJoinTheGroupExactlyOnce()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync("Race");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await h.AddMemberAsync(group.Id, $$"""{"email":"joiner@example.com","last_name":"{{(i % 2 == 0 ? "Even" : "Odd")}}"}""");
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.Single(results.Select(result => result.Contact.Id).Distinct());
        Assert.Single(results, result => result.JoinedGroup);
        Assert.Single(results, result => result.Outcome == UpsertOutcome.Created);

        var contact = Assert.Single(await h.ReadContactsAsync());
        Assert.Equal([group.Id], contact.GroupIds);
        Assert.Single(await h.ReadRowsAsync(ContactKeys.MembersOf(group.Id)));
        var stored = await h.GetGroupAsync(group.Id);
        Assert.Equal(1, stored.Counter);
        Assert.Equal(1, stored.ActiveCounter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ParallelAddsOfAnExistingContactJoinItOnce()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var existing = await h.UpsertAsync("""{"email":"known@example.com"}""");

        var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => Task.Run(() =>
            h.AddMemberAsync(group.Id, """{"email":"known@example.com"}"""))));

        Assert.All(results, result => Assert.Equal(existing.Id, result.Contact.Id));
        Assert.Single(results, result => result.JoinedGroup);
        Assert.Equal(1, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }
}
