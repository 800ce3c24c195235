using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// An email and an sms number that belong to two different contacts, or a new email that another
/// contact already has, are ActiveTrail's 409 (merge needed): both contacts stay as they were.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class IdentityConflictsAre409(DevHostFixture host)
{
    [Fact]
    public async Task Email_of_one_and_sms_of_another_is_409_on_every_write()
    {
        var account = await host.CreateAccountAsync("merge needed");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"by.email@example.com","first_name":"Email"}""");
        await host.Api.UpsertContactAsync(account.Token, """{"sms":"0501234567","first_name":"Sms"}""");
        var before = await host.Api.SnapshotAsync(account.Token);
        const string Both = """{"email":"by.email@example.com","sms":"+972501234567","last_name":"Merged"}""";

        var post = await host.Api.PostAsync("contacts", Both, account.Token);
        var member = await host.Api.PostAsync($"groups/{groupId}/members", Both, account.Token);
        var import = await host.Api.PostAsync("contacts/Import", $$"""{"group":{{groupId}},"contacts":[{{Both}}]}""", account.Token);

        ApiAssert.Error(HttpStatusCode.Conflict, post);
        ApiAssert.Error(HttpStatusCode.Conflict, member);
        ApiAssert.Status(HttpStatusCode.OK, import);
        Assert.Equal(0, import.Json.GetProperty("created").GetInt32() + import.Json.GetProperty("updated").GetInt32());
        Assert.Equal(0, Assert.Single(import.Json.GetProperty("failed").EnumerateArray()).GetProperty("index").GetInt32());
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    [Fact]
    public async Task A_new_email_with_the_number_of_a_contact_that_has_another_email_is_409()
    {
        var account = await host.CreateAccountAsync("number taken");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"owner@example.com","sms":"0507654321"}""");
        var before = await host.Api.SnapshotAsync(account.Token);

        var response = await host.Api.PostAsync("contacts", """{"email":"newcomer@example.com","sms":"050-7654321"}""", account.Token);

        ApiAssert.Error(HttpStatusCode.Conflict, response);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    [Fact]
    public async Task Changing_an_email_or_number_to_another_contacts_is_409()
    {
        var account = await host.CreateAccountAsync("email taken");
        var first = (await host.Api.UpsertContactAsync(account.Token, """{"email":"first@example.com"}""")).GetProperty("id").GetInt64();
        await host.Api.UpsertContactAsync(account.Token, """{"email":"second@example.com","sms":"0521112222"}""");
        var before = await host.Api.SnapshotAsync(account.Token);

        var email = await host.Api.PutAsync($"contacts/{first}", """{"email":"SECOND@example.com"}""", account.Token);
        var sms = await host.Api.PutAsync($"contacts/{first}", """{"sms":"+972521112222"}""", account.Token);
        var byEmail = await host.Api.PutAsync("contacts/first@example.com", """{"email":"second@example.com","first_name":"Renamed"}""", account.Token);

        Assert.Contains("second@example.com", ApiAssert.Error(HttpStatusCode.Conflict, email), StringComparison.Ordinal);
        ApiAssert.Error(HttpStatusCode.Conflict, sms);
        ApiAssert.Error(HttpStatusCode.Conflict, byEmail);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    [Fact]
    public async Task Changing_an_email_to_a_free_one_moves_the_lookup()
    {
        var account = await host.CreateAccountAsync("email change");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"old@example.com"}""")).GetProperty("id").GetInt64();

        var response = await host.Api.PutAsync($"contacts/{id}", """{"email":"New@Example.com"}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("new@example.com", response.Json.GetProperty("email").GetString());
        Assert.Equal(id, (await host.Api.GetAsync("contacts/new@example.com", account.Token)).Json.GetProperty("id").GetInt64());
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync("contacts/old@example.com", account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("contacts?SearchTerm=old%40example.com", account.Token)).Body);

        // The old address is free for someone else.
        var other = await host.Api.UpsertContactAsync(account.Token, """{"email":"old@example.com"}""");
        Assert.NotEqual(id, other.GetProperty("id").GetInt64());
    }
}
