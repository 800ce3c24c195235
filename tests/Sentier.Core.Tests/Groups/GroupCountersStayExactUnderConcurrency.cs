using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// Group counters are never read-modify-written: every contact transaction adds its own delta
/// row. Adds, removes, unsubscribes and do-not-mail flags on many members of the same groups at
/// once, several of them on the same contact, must therefore add up to exactly a recount.
/// </summary>
public sealed class GroupCountersStayExactUnderConcurrency
{
    private const int Members = 60;
    private const int Newcomers = 40;

    [Fact]
    public async Task ParallelAddsRemovesAndUnsubscribesLeaveCountersEqualToARecount()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync("Busy");
        var other = await h.NewGroupAsync("Also holds them");
        var first = await h.ImportAsync(group.Id, Enumerable.Range(0, Members).Select(i => new { email = $"member{i}@example.com" }));
        Assert.Equal(Members, first.Created);
        Assert.Equal(Members, (await h.ImportAsync(other.Id, Enumerable.Range(0, Members).Select(i => new { email = $"member{i}@example.com" }))).Updated);
        var ids = (await h.ReadContactsAsync()).ToDictionary(contact => contact.Email!, contact => contact.Id);

        var work = new List<Func<Task>>();
        for (var i = 0; i < Members; i++)
        {
            var id = ids[$"member{i}@example.com"];
            switch (i % 5)
            {
                case 0:
                    work.Add(() => h.RemoveMemberAsync(group.Id, id));
                    break;
                case 1:
                    work.Add(() => h.UpdateAsync(id, """{"status":"Unsubscribed"}"""));
                    break;
                case 2:
                    work.Add(() => h.UpdateAsync(id, """{"is_do_not_mail":true}"""));
                    break;
                case 3:
                    // Two changes to one contact at once: one of them has to retry on the other's result.
                    work.Add(() => h.RemoveMemberAsync(group.Id, id));
                    work.Add(() => h.UpdateAsync(id, """{"status":"Unsubscribed"}"""));
                    break;
                default:
                    work.Add(() => h.UpdateAsync(id, """{"status":"Unsubscribed"}"""));
                    work.Add(() => h.UpdateAsync(id, """{"status":"Subscribed","first_name":"Back"}"""));
                    break;
            }
        }

        for (var i = 0; i < Newcomers; i++)
        {
            var json = $$"""{"email":"new{{i}}@example.com"{{(i % 4 == 0 ? ",\"status\":\"Unsubscribed\"" : "")}}}""";
            work.Add(() => h.AddMemberAsync(group.Id, json));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = work.Select(item => Task.Run(async () =>
        {
            await start.Task;
            await item();
        })).ToList();
        start.SetResult();
        await Task.WhenAll(running);

        foreach (var groupId in new[] { group.Id, other.Id })
        {
            var stored = await h.GetGroupAsync(groupId);
            Assert.Equal(await h.RecountAsync(groupId), (stored.Counter, stored.ActiveCounter));
        }

        Assert.Equal(Members - 2 * (Members / 5) + Newcomers, (await h.GetGroupAsync(group.Id)).Counter);
        Assert.Equal(Members, (await h.GetGroupAsync(other.Id)).Counter);
        await h.AssertConsistentAsync();
    }
}
