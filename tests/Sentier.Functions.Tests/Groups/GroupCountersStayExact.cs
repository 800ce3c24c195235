using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Groups;

/// <summary>
/// A group's <c>counter</c> (members) and <c>active_counter</c> (members who are subscribed and not
/// do-not-mail) match its member list after every kind of write over HTTP: adds, repeated adds,
/// imports, unsubscribes, do-not-mail, resubscribes, member removals and contact deletes. Every
/// place that shows the group shows the same numbers.
/// </summary>
[Collection(GroupsHost.Name)]
public sealed class GroupCountersStayExact(DevHostFixture host)
{
    /// <summary>The counters from GET groups/{id}, checked against the list, the members and contacts/{id}/groups.</summary>
    private async Task AssertCountersAsync(TestAccount account, long groupId, long counter, long active)
    {
        var group = await host.Api.GetAsync($"groups/{groupId}", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, group);
        Assert.Equal((counter, active), (group.Json.GetProperty("counter").GetInt64(), group.Json.GetProperty("active_counter").GetInt64()));

        var (members, _) = await host.Api.WalkAsync($"groups/{groupId}/members?Limit=100", account.Token);
        var (activeMembers, _) = await host.Api.WalkAsync($"groups/{groupId}/members?Limit=100&CustomerStates=ACTIVE", account.Token);
        Assert.Equal(counter, members.Count);
        Assert.Equal(active, activeMembers.Count);

        var listed = (await host.Api.GetAsync("groups?Limit=100", account.Token)).Json.EnumerateArray().Single(g => g.GetProperty("id").GetInt64() == groupId);
        Assert.Equal(group.Body, listed.GetRawText());
        if (members.Count > 0)
        {
            var viaContact = (await host.Api.GetAsync($"contacts/{members[0].GetProperty("id").GetInt64()}/groups", account.Token))
                .Json.EnumerateArray().Single(g => g.GetProperty("id").GetInt64() == groupId);
            Assert.Equal(group.Body, viaContact.GetRawText());
        }
    }

    [Fact]
    public async Task Counters_follow_every_kind_of_change()
    {
        var account = await host.CreateAccountAsync("counters");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Counted");
        var otherGroup = await host.Api.CreateGroupAsync(account.Token, "Other");
        await AssertCountersAsync(account, groupId, 0, 0);

        var a = (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"a@example.com"}""")).GetProperty("id").GetInt64();
        var b = (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"b@example.com","status":"Unsubscribed"}""")).GetProperty("id").GetInt64();
        var c = (await host.Api.AddMemberAsync(account.Token, groupId, """{"sms":"0541111111"}""")).GetProperty("id").GetInt64();
        await AssertCountersAsync(account, groupId, 3, 2);

        // Adding again, and to another group, changes nothing here.
        await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"a@example.com","first_name":"Again"}""");
        await host.Api.AddMemberAsync(account.Token, otherGroup, """{"email":"a@example.com"}""");
        await AssertCountersAsync(account, groupId, 3, 2);

        // Status changes through every write path.
        await host.Api.UpsertContactAsync(account.Token, """{"email":"a@example.com","status":"Unsubscribed"}""");
        await AssertCountersAsync(account, groupId, 3, 1);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"contacts/{b}", """{"status":1}""", account.Token));
        await AssertCountersAsync(account, groupId, 3, 2);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"contacts/{c}", """{"is_do_not_mail":true}""", account.Token));
        await AssertCountersAsync(account, groupId, 3, 1);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"contacts/{c}", """{"is_do_not_mail":false}""", account.Token));
        await AssertCountersAsync(account, groupId, 3, 2);

        // An import adds new members and updates existing ones.
        var import = await host.Api.PostAsync(
            "contacts/Import",
            $$"""{"group":{{groupId}},"contacts":[{"email":"a@example.com","status":"Subscribed"},{"email":"d@example.com"},{"email":"e@example.com","status":2},{"email":"bad"}]}""",
            account.Token);
        ApiAssert.Status(HttpStatusCode.OK, import);
        await AssertCountersAsync(account, groupId, 5, 4);

        // Removals: a member removed, a contact deleted, a contact deleted through is_deleted.
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{groupId}/members/{a}", account.Token));
        await AssertCountersAsync(account, groupId, 4, 3);
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"contacts/{b}", account.Token));
        await AssertCountersAsync(account, groupId, 3, 2);
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync("contacts/e@example.com", """{"is_deleted":true}""", account.Token));
        await AssertCountersAsync(account, groupId, 2, 2);

        // Refused writes leave the counters alone.
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{groupId}/members/{a}", account.Token));
        ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PostAsync($"groups/{groupId}/members", """{"email":"f@example.com","status":9}""", account.Token));
        await AssertCountersAsync(account, groupId, 2, 2);

        // The other group holds only a, whom the import subscribed again.
        await AssertCountersAsync(account, otherGroup, 1, 1);
    }

    [Fact]
    public async Task Deleting_a_contact_in_several_groups_lowers_each()
    {
        var account = await host.CreateAccountAsync("several groups");
        var groups = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            groups.Add(await host.Api.CreateGroupAsync(account.Token, $"G{i}"));
        }

        foreach (var group in groups)
        {
            await host.Api.AddMemberAsync(account.Token, group, """{"email":"many@example.com"}""");
            await host.Api.AddMemberAsync(account.Token, group, """{"email":"stays@example.com","status":"Unsubscribed"}""");
        }

        Assert.Equal(groups.Order(), (await host.Api.GetAsync("contacts/many@example.com/groups", account.Token)).ItemIds().Order());

        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync("contacts/many@example.com", account.Token));

        foreach (var group in groups)
        {
            await AssertCountersAsync(account, group, 1, 0);
        }
    }

    [Fact]
    public async Task Parallel_writes_keep_the_counters_exact()
    {
        var account = await host.CreateAccountAsync("parallel counters");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Busy");
        await host.Api.ImportContactsAsync(account.Token, groupId, "base", 10);

        // Adds of new people, removals, unsubscribes and deletes of existing ones, all at once.
        var writes = new List<Task<ApiResponse>>();
        for (var i = 0; i < 12; i++)
        {
            writes.Add(host.Api.PostAsync($"groups/{groupId}/members", $$"""{"email":"new{{i}}@example.com"}""", account.Token));
        }

        writes.Add(host.Api.DeleteAsync($"groups/{groupId}/members/base0@example.com", account.Token));
        writes.Add(host.Api.DeleteAsync($"groups/{groupId}/members/base1@example.com", account.Token));
        writes.Add(host.Api.PostAsync("contacts", """{"email":"base2@example.com","status":"Unsubscribed"}""", account.Token));
        writes.Add(host.Api.PutAsync("contacts/base3@example.com", """{"is_do_not_mail":true}""", account.Token));
        writes.Add(host.Api.DeleteAsync("contacts/base4@example.com", account.Token));
        writes.Add(host.Api.PostAsync($"groups/{groupId}/members", """{"email":"base5@example.com","status":2}""", account.Token));
        writes.Add(host.Api.PostAsync("contacts/Import", $$"""{"group":{{groupId}},"contacts":[{"email":"new0@example.com"},{"email":"imported@example.com"}]}""", account.Token));
        var responses = await Task.WhenAll(writes);

        Assert.All(responses, response => Assert.True(response.Status is HttpStatusCode.OK or HttpStatusCode.NoContent, response.ToString()));

        // 10 + 12 new + 1 imported - 2 removed - 1 deleted; base2, base3 and base5 stopped receiving email.
        await AssertCountersAsync(account, groupId, 20, 17);
    }
}
