using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// ActiveTrail answers 405 ("cannot change this status when the user is_donotmail is true") when a
/// write changes the status of a do-not-mail contact; the contact keeps its status. A write that
/// clears the flag may change the status with it.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class DoNotMailBlocksStatusChanges(DevHostFixture host)
{
    [Fact]
    public async Task Changing_the_status_of_a_do_not_mail_contact_is_405_on_every_write()
    {
        var account = await host.CreateAccountAsync("do not mail");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"dnm@example.com","status":"Unsubscribed","is_do_not_mail":true}""")).GetProperty("id").GetInt64();
        var before = await host.Api.SnapshotAsync(account.Token);

        var post = await host.Api.PostAsync("contacts", """{"email":"dnm@example.com","status":"Subscribed"}""", account.Token);
        var put = await host.Api.PutAsync($"contacts/{id}", """{"status":1}""", account.Token);
        var putByEmail = await host.Api.PutAsync("contacts/dnm@example.com", """{"status":"3","first_name":"Pending"}""", account.Token);
        var member = await host.Api.PostAsync($"groups/{groupId}/members", """{"email":"dnm@example.com","status":"1"}""", account.Token);

        Assert.Contains("is_do_not_mail", ApiAssert.Error(HttpStatusCode.MethodNotAllowed, post), StringComparison.Ordinal);
        ApiAssert.Error(HttpStatusCode.MethodNotAllowed, put);
        ApiAssert.Error(HttpStatusCode.MethodNotAllowed, putByEmail);
        ApiAssert.Error(HttpStatusCode.MethodNotAllowed, member);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync($"groups/{groupId}/members", account.Token)).Body);
    }

    [Fact]
    public async Task An_import_row_that_changes_the_status_fails_alone()
    {
        var account = await host.CreateAccountAsync("do not mail import");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"dnm@example.com","is_do_not_mail":true}""");

        var response = await host.Api.PostAsync(
            "contacts/Import",
            $$"""{"group":{{groupId}},"contacts":[{"email":"fine@example.com"},{"email":"dnm@example.com","status":"Unsubscribed"}]}""",
            account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(1, response.Json.GetProperty("created").GetInt32());
        var failure = Assert.Single(response.Json.GetProperty("failed").EnumerateArray());
        Assert.Equal(1, failure.GetProperty("index").GetInt32());
        Assert.Equal("dnm@example.com", failure.GetProperty("email").GetString());
        Assert.Equal(1, (await host.Api.GetAsync("contacts/dnm@example.com", account.Token)).Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Other_fields_and_the_same_status_still_change()
    {
        var account = await host.CreateAccountAsync("do not mail edits");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"dnm@example.com","is_do_not_mail":true}""")).GetProperty("id").GetInt64();

        var response = await host.Api.PutAsync($"contacts/{id}", """{"status":"Subscribed","city":"Tel Aviv"}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("Tel Aviv", (await host.Api.GetAsync($"contacts/{id}", account.Token)).Json.GetProperty("city").GetString());
    }

    [Fact]
    public async Task Clearing_the_flag_in_the_same_write_allows_the_change()
    {
        var account = await host.CreateAccountAsync("do not mail lifted");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"dnm@example.com","status":2,"is_do_not_mail":true}""")).GetProperty("id").GetInt64();

        var response = await host.Api.PutAsync($"contacts/{id}", """{"status":1,"is_do_not_mail":false}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var read = await host.Api.GetAsync($"contacts/{id}", account.Token);
        Assert.Equal(1, read.Json.GetProperty("status").GetInt32());
        Assert.False(read.Json.GetProperty("is_do_not_mail").GetBoolean());
    }
}
