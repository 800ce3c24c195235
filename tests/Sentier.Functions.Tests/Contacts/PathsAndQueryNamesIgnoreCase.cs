using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Clients spell the same route differently (<c>contacts/Import</c> in yehudafh and at-cf7,
/// <c>contacts/import</c> in py-sdk) and send query names in any case (<c>limit</c>, <c>page</c>):
/// ActiveTrail's routing and binding ignore case, and so does this service.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class PathsAndQueryNamesIgnoreCase(DevHostFixture host)
{
    [Theory]
    [InlineData("contacts/Import")]
    [InlineData("contacts/import")]
    [InlineData("CONTACTS/Import")]
    [InlineData("Contacts/IMPORT")]
    [InlineData("/API/contacts/import")]
    public async Task Import_answers_in_any_case(string path)
    {
        var account = await host.CreateAccountAsync("import casing");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");

        var response = await host.Api.PostAsync(path, $$"""{"group":{{groupId}},"contacts":[{"email":"case@example.com"}]}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(1, response.Json.GetProperty("created").GetInt32());
        Assert.Single((await host.Api.GetAsync($"groups/{groupId}/members", account.Token)).Json.EnumerateArray());
    }

    [Fact]
    public async Task Item_and_member_routes_answer_in_any_case()
    {
        var account = await host.CreateAccountAsync("route casing");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var member = await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"member@example.com"}""");
        var id = member.GetProperty("id").GetInt64();

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("Contacts", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"Contacts/{id}", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"CONTACTS/{id}/Groups", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("contacts/subscription/unsubscribers", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("Contacts/SUBSCRIPTION/Subscribers", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"Groups/{groupId}", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"Groups/{groupId}/Members", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"GROUPS/{groupId}/MEMBERS/{id}", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("Account/ContactFields", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account/contactfields", account.Token));
        var added = await host.Api.PostAsync($"Groups/{groupId}/Members?campaignid=", """{"email":"second@example.com"}""", account.Token);
        Assert.Equal("added", added.Json.GetProperty("state").GetString());
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{groupId}/Members/{id}", account.Token));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"Contacts/{id}", account.Token));
    }

    [Fact]
    public async Task Query_names_bind_in_any_case()
    {
        var account = await host.CreateAccountAsync("query casing");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        await host.Api.ImportContactsAsync(account.Token, groupId, "q", 5);
        await host.Api.UpsertContactAsync(account.Token, """{"email":"gone@example.com","status":"Unsubscribed"}""");

        var limited = await host.Api.GetAsync("contacts?LIMIT=2", account.Token);
        var paged = await host.Api.GetAsync("contacts?limit=2&page=3", account.Token);
        var searched = await host.Api.GetAsync("contacts?searchterm=q3@example.com", account.Token);
        var stated = await host.Api.GetAsync("contacts?customerstates=customer_request&LIMIT=100", account.Token);
        var members = await host.Api.GetAsync($"groups/{groupId}/members?limit=4&PAGE=2", account.Token);
        var groups = await host.Api.GetAsync("groups?searchterm=g", account.Token);

        Assert.Equal(2, limited.Json.GetArrayLength());
        Assert.Equal(2, paged.Json.GetArrayLength());
        Assert.Empty(paged.ItemIds().Intersect(limited.ItemIds()));
        Assert.Equal("q3@example.com", Assert.Single(searched.Json.EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal("gone@example.com", Assert.Single(stated.Json.EnumerateArray()).GetProperty("email").GetString());
        Assert.Single(members.Json.EnumerateArray());
        Assert.Equal([groupId], groups.ItemIds());
    }
}
