using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Groups;

/// <summary>
/// <c>DELETE groups/{id}</c> answers 204 and removes the group and every membership in it (more
/// members than one storage transaction holds), but the contacts stay, with their other groups.
/// </summary>
[Collection(GroupsHost.Name)]
public sealed class DeletingAGroupKeepsItsContacts(DevHostFixture host)
{
    [Fact]
    public async Task The_contacts_outlive_their_group()
    {
        const int Members = 60;
        var account = await host.CreateAccountAsync("delete group");
        var doomed = await host.Api.CreateGroupAsync(account.Token, "Doomed");
        var kept = await host.Api.CreateGroupAsync(account.Token, "Kept");
        await host.Api.ImportContactsAsync(account.Token, doomed, "m", Members);
        await host.Api.AddMemberAsync(account.Token, kept, """{"email":"m0@example.com"}""");
        await host.Api.AddMemberAsync(account.Token, kept, """{"email":"only.kept@example.com"}""");
        var (before, _) = await host.Api.WalkAsync("contacts?Limit=100", account.Token);

        var delete = await host.Api.DeleteAsync($"groups/{doomed}", account.Token);

        ApiAssert.Status(HttpStatusCode.NoContent, delete);
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{doomed}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{doomed}/members", account.Token));
        Assert.Equal([kept], (await host.Api.GetAsync("groups", account.Token)).ItemIds());

        var (after, _) = await host.Api.WalkAsync("contacts?Limit=100", account.Token);
        Assert.Equal(
            before.Select(c => c.GetProperty("id").GetInt64()),
            after.Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(Members + 1, after.Count);
        Assert.Equal([kept], (await host.Api.GetAsync("contacts/m0@example.com/groups", account.Token)).ItemIds());
        Assert.Equal("[]", (await host.Api.GetAsync("contacts/m1@example.com/groups", account.Token)).Body);
        Assert.Equal("m 59", (await host.Api.GetAsync("contacts/m59@example.com", account.Token)).Json.GetProperty("first_name").GetString());
        var keptGroup = await host.Api.GetAsync($"groups/{kept}", account.Token);
        Assert.Equal(2, keptGroup.Json.GetProperty("counter").GetInt64());
        Assert.Equal(2, keptGroup.Json.GetProperty("active_counter").GetInt64());
    }

    [Fact]
    public async Task A_deleted_group_takes_no_new_members()
    {
        var account = await host.CreateAccountAsync("deleted group writes");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Gone");
        var id = (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"member@example.com"}""")).GetProperty("id").GetInt64();
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{groupId}", account.Token));
        var before = await host.Api.SnapshotAsync(account.Token);

        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PostAsync($"groups/{groupId}/members", """{"email":"late@example.com"}""", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PostAsync("contacts/Import", $$"""{"group":{{groupId}},"contacts":[{"email":"late@example.com"}]}""", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{groupId}/members/{id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{groupId}/members/{id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{groupId}", account.Token));

        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"contacts/{id}", account.Token));
    }
}
