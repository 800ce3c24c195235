using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Groups;

/// <summary>
/// Group ids are per account: account B's token, given A's group and member ids (or A's members'
/// emails), finds nothing and changes nothing of A's, even when B has a group with the same id.
/// </summary>
[Collection(GroupsHost.Name)]
public sealed class GroupsAreIsolatedBetweenAccounts(DevHostFixture host)
{
    [Fact]
    public async Task Another_accounts_token_cannot_read_or_change_a_group_or_its_members()
    {
        var a = await host.CreateAccountAsync("groups A");
        var b = await host.CreateAccountAsync("groups B");
        var aGroup = await host.Api.CreateGroupAsync(a.Token, "A secret group");
        var aMember = (await host.Api.AddMemberAsync(a.Token, aGroup, """{"email":"a.member@example.com"}""")).GetProperty("id").GetInt64();
        var aBefore = await host.Api.SnapshotAsync(a.Token);

        var read = await host.Api.GetAsync($"groups/{aGroup}", b.Token);
        Assert.DoesNotContain("secret", ApiAssert.Error(HttpStatusCode.NotFound, read), StringComparison.Ordinal);
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync($"groups/{aGroup}", """{"name":"Hijacked"}""", b.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{aGroup}/members", b.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PostAsync($"groups/{aGroup}/members", """{"email":"intruder@example.com"}""", b.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{aGroup}/members/{aMember}", b.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{aGroup}/members/a.member@example.com", b.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{aGroup}/members/{aMember}", b.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{aGroup}", b.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("groups", b.Token)).Body);
        Assert.Equal("[]", (await host.Api.GetAsync("groups?SearchTerm=secret", b.Token)).Body);

        Assert.Equal(aBefore, await host.Api.SnapshotAsync(a.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("contacts", b.Token)).Body);
    }

    [Fact]
    public async Task The_same_group_id_in_two_accounts_is_two_groups()
    {
        var a = await host.CreateAccountAsync("same id A");
        var b = await host.CreateAccountAsync("same id B");
        var aGroup = await host.Api.CreateGroupAsync(a.Token, "A's");
        await host.Api.AddMemberAsync(a.Token, aGroup, """{"email":"shared@example.com"}""");
        var bGroup = await host.Api.CreateGroupAsync(b.Token, "B's");
        var aBefore = await host.Api.SnapshotAsync(a.Token);

        // Fresh accounts number their groups alike, so B now works on its own group with A's id.
        Assert.Equal(aGroup, bGroup);
        var bMember = (await host.Api.AddMemberAsync(b.Token, bGroup, """{"email":"shared@example.com","status":"Unsubscribed"}""")).GetProperty("id").GetInt64();
        await host.Api.AddMemberAsync(b.Token, bGroup, """{"email":"b.only@example.com"}""");
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"groups/{bGroup}", """{"name":"Renamed by B"}""", b.Token));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{bGroup}/members/{bMember}", b.Token));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{bGroup}", b.Token));

        Assert.Equal(aBefore, await host.Api.SnapshotAsync(a.Token));
        var aRead = await host.Api.GetAsync($"groups/{aGroup}", a.Token);
        Assert.Equal("A's", aRead.Json.GetProperty("name").GetString());
        Assert.Equal(1, aRead.Json.GetProperty("counter").GetInt64());
        Assert.Equal(1, aRead.Json.GetProperty("active_counter").GetInt64());
    }
}
