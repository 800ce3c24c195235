using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Contact ids are per account, so account B's token, asking for A's ids or A's emails, finds
/// nothing of A's: reads are 404 or empty, writes touch only B, and A reads the same afterwards.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ContactsAreIsolatedBetweenAccounts(DevHostFixture host)
{
    [Fact]
    public async Task Another_accounts_token_cannot_read_or_change_a_contact_by_id_or_email()
    {
        var a = await host.CreateAccountAsync("tenant A");
        var b = await host.CreateAccountAsync("tenant B");
        var aGroup = await host.Api.CreateGroupAsync(a.Token, "A's group");
        var aId = (await host.Api.AddMemberAsync(a.Token, aGroup, """{"email":"private@example.com","first_name":"Secret","status":"Unsubscribed"}""")).GetProperty("id").GetInt64();
        var aBefore = await host.Api.SnapshotAsync(a.Token);

        foreach (var route in new[] { $"contacts/{aId}", "contacts/private@example.com" })
        {
            var read = await host.Api.GetAsync(route, b.Token);
            Assert.DoesNotContain("Secret", ApiAssert.Error(HttpStatusCode.NotFound, read), StringComparison.Ordinal);
            ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync(route, """{"first_name":"Hijacked","status":1}""", b.Token));
            ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"{route}/groups", b.Token));
            ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync(route, b.Token));
        }

        Assert.Equal("[]", (await host.Api.GetAsync("contacts", b.Token)).Body);
        Assert.Equal("[]", (await host.Api.GetAsync("contacts?SearchTerm=private%40example.com", b.Token)).Body);
        Assert.Equal("[]", (await host.Api.GetAsync("contacts?SearchTerm=Secret", b.Token)).Body);
        Assert.Equal("[]", (await host.Api.GetAsync("contacts/Subscription/Unsubscribers", b.Token)).Body);
        Assert.Equal(aBefore, await host.Api.SnapshotAsync(a.Token));
    }

    [Fact]
    public async Task The_same_email_in_two_accounts_is_two_contacts()
    {
        var a = await host.CreateAccountAsync("same email A");
        var b = await host.CreateAccountAsync("same email B");
        var aContact = await host.Api.UpsertContactAsync(a.Token, """{"email":"shared@example.com","first_name":"A's"}""");
        var aBefore = await host.Api.SnapshotAsync(a.Token);

        var bContact = await host.Api.UpsertContactAsync(b.Token, """{"email":"shared@example.com","first_name":"B's","status":"Unsubscribed"}""");
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync("contacts/shared@example.com", """{"city":"B town"}""", b.Token));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync("contacts/shared@example.com", b.Token));

        Assert.Equal(aBefore, await host.Api.SnapshotAsync(a.Token));
        var aRead = await host.Api.GetAsync($"contacts/{aContact.GetProperty("id").GetInt64()}", a.Token);
        Assert.Equal("A's", aRead.Json.GetProperty("first_name").GetString());
        Assert.Equal(1, aRead.Json.GetProperty("status").GetInt32());
        Assert.Equal("B's", bContact.GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task An_import_into_another_accounts_group_id_is_404_and_writes_nothing()
    {
        var a = await host.CreateAccountAsync("import A");
        var b = await host.CreateAccountAsync("import B");
        var aGroup = await host.Api.CreateGroupAsync(a.Token, "A's group");
        var aBefore = await host.Api.SnapshotAsync(a.Token);

        var response = await host.Api.PostAsync("contacts/Import", $$"""{"group":{{aGroup}},"contacts":[{"email":"intruder@example.com"}]}""", b.Token);

        ApiAssert.Error(HttpStatusCode.NotFound, response);
        Assert.Equal(aBefore, await host.Api.SnapshotAsync(a.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("contacts", b.Token)).Body);
    }

    [Fact]
    public async Task A_continuation_from_one_account_lists_only_the_callers_contacts()
    {
        var a = await host.CreateAccountAsync("walk A");
        var b = await host.CreateAccountAsync("walk B");
        var aGroup = await host.Api.CreateGroupAsync(a.Token, "A");
        await host.Api.ImportContactsAsync(a.Token, aGroup, "a", 5);
        var bGroup = await host.Api.CreateGroupAsync(b.Token, "B");
        await host.Api.ImportContactsAsync(b.Token, bGroup, "b", 3);
        var aPage = await host.Api.GetAsync("contacts?Limit=2", a.Token);
        var continuation = aPage.Header("X-Continuation");
        Assert.NotNull(continuation);

        var response = await host.Api.GetAsync($"contacts?Limit=100&Continuation={Uri.EscapeDataString(continuation)}", b.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.All(response.Json.EnumerateArray(), contact => Assert.StartsWith("b", contact.GetProperty("email").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contact_field_labels_belong_to_one_account()
    {
        var a = await host.CreateAccountAsync("labels A");
        var b = await host.CreateAccountAsync("labels B");

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync("account/contactFields/ext2", """{"field_display_name":"A's label"}""", a.Token));

        var bFields = await host.Api.GetAsync("account/contactFields", b.Token);
        Assert.DoesNotContain("A's label", bFields.Body, StringComparison.Ordinal);
    }
}
