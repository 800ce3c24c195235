using System.Net;
using System.Text;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// <c>POST contacts/Import</c> with the bodies real clients send: at-cf7's <c>{group, contacts}</c>
/// with <c>is_deleted: false</c> on every row and a charset in the content type, dofinity's extra
/// <c>mailing_list</c>. The answer is <c>{created, updated, failed}</c>; rows that fail are listed
/// by index and the rest are imported into the group.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ImportAcceptsClientBodies(DevHostFixture host)
{
    private static StringContent AtCf7Json(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        return content;
    }

    [Fact]
    public async Task An_at_cf7_import_creates_the_contacts_in_the_group()
    {
        var account = await host.CreateAccountAsync("at-cf7 import");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Contact form");
        var body = $$"""
            {"group":{{groupId}},"contacts":[
              {"email":"cf7.one@example.com","first_name":"One","ext1":"from the form","is_deleted":false},
              {"email":"cf7.two@example.com","sms":"0501112233","phone1":"03-5555555","is_deleted":false}
            ]}
            """;

        var response = await host.Api.SendAsync(HttpMethod.Post, "contacts/Import", "Basic " + account.Token, AtCf7Json(body));

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(2, response.Json.GetProperty("created").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("updated").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("failed").GetArrayLength());
        var members = await host.Api.GetAsync($"groups/{groupId}/members", account.Token);
        Assert.Equal(
            new SortedSet<string> { "cf7.one@example.com", "cf7.two@example.com" },
            new SortedSet<string>(members.Json.EnumerateArray().Select(c => c.GetProperty("email").GetString()!)));
        var one = await host.Api.GetAsync("contacts/cf7.one@example.com", account.Token);
        Assert.Equal("from the form", one.Json.GetProperty("ext1").GetString());
        var two = await host.Api.GetAsync("contacts/cf7.two@example.com", account.Token);
        Assert.Equal("+972501112233", two.Json.GetProperty("sms").GetString());
        var group = await host.Api.GetAsync($"groups/{groupId}", account.Token);
        Assert.Equal(2, group.Json.GetProperty("counter").GetInt64());
    }

    [Theory]
    [InlineData("\"mailing_list\":17,")]
    [InlineData("\"mailing_list\":null,")]
    [InlineData("\"mailing_list\":\"17\",")]
    [InlineData("")]
    public async Task A_dofinity_import_with_a_mailing_list_is_accepted(string mailingList)
    {
        var account = await host.CreateAccountAsync("dofinity import");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Shop");

        var response = await host.Api.PostAsync(
            "contacts/Import",
            $$"""{{{mailingList}}"group":"{{groupId}}","contacts":[{"email":"shop@example.com","status":1,"last_name":"Buyer"}]}""",
            "Basic " + account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(1, response.Json.GetProperty("created").GetInt32());
        Assert.Equal("Buyer", (await host.Api.GetAsync("contacts/shop@example.com", account.Token)).Json.GetProperty("last_name").GetString());
    }

    [Fact]
    public async Task Importing_again_updates_and_existing_contacts_join_the_group()
    {
        var account = await host.CreateAccountAsync("re-import");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Again");
        var existingId = (await host.Api.UpsertContactAsync(account.Token, """{"email":"known@example.com","city":"Acre"}""")).GetProperty("id").GetInt64();
        var body = $$"""{"group":{{groupId}},"contacts":[{"email":"known@example.com","first_name":"Known"},{"email":"fresh@example.com"}]}""";

        var first = await host.Api.PostAsync("contacts/Import", body, account.Token);
        var second = await host.Api.PostAsync("contacts/Import", body, account.Token);

        Assert.Equal(1, first.Json.GetProperty("created").GetInt32());
        Assert.Equal(1, first.Json.GetProperty("updated").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("created").GetInt32());
        Assert.Equal(2, second.Json.GetProperty("updated").GetInt32());
        var known = await host.Api.GetAsync($"contacts/{existingId}", account.Token);
        Assert.Equal("Known", known.Json.GetProperty("first_name").GetString());
        Assert.Equal("Acre", known.Json.GetProperty("city").GetString());
        Assert.Equal([groupId], (await host.Api.GetAsync($"contacts/{existingId}/groups", account.Token)).ItemIds());
        Assert.Equal(2, (await host.Api.GetAsync($"groups/{groupId}", account.Token)).Json.GetProperty("counter").GetInt64());
        Assert.Equal(2, (await host.Api.GetAsync("contacts", account.Token)).Json.GetArrayLength());
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_index_and_the_rest_are_imported()
    {
        var account = await host.CreateAccountAsync("partial import");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Partial");
        var longEmail = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";
        var body = $$"""
            {"group":{{groupId}},"contacts":[
              {"email":"good.one@example.com"},
              {"email":"not an email"},
              {"email":"bad.number@example.com","num1":"abc"},
              {"first_name":"No identity"},
              {"email":"good.two@example.com","is_deleted":false},
              {"email":"deleting@example.com","is_deleted":true},
              {"email":"{{longEmail}}"},
              "not an object",
              {"email":"bad.date@example.com","birthday":"soon"},
              {"email":"bad.status@example.com","status":9},
              {"email":"long.text@example.com","ext1":"{{new string('x', 1001)}}"}
            ]}
            """;

        var response = await host.Api.PostAsync("contacts/Import", body, account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(2, response.Json.GetProperty("created").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("updated").GetInt32());
        var failed = response.Json.GetProperty("failed").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 5, 6, 7, 8, 9, 10], failed.Select(f => f.GetProperty("index").GetInt32()));
        Assert.All(failed, f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("Message").GetString())));
        Assert.Equal("not an email", failed[0].GetProperty("email").GetString());
        Assert.Equal("bad.number@example.com", failed[1].GetProperty("email").GetString());
        Assert.Contains("num1", failed[1].GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, failed[2].GetProperty("email").ValueKind);
        Assert.Contains("birthday", failed[6].GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Contains("status", failed[7].GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Contains("ext1", failed[8].GetProperty("Message").GetString(), StringComparison.Ordinal);

        var all = await host.Api.GetAsync("contacts?Limit=100", account.Token);
        Assert.Equal(
            new SortedSet<string> { "good.one@example.com", "good.two@example.com" },
            new SortedSet<string>(all.Json.EnumerateArray().Select(c => c.GetProperty("email").GetString()!)));
        Assert.Equal(2, (await host.Api.GetAsync($"groups/{groupId}", account.Token)).Json.GetProperty("counter").GetInt64());
    }

    [Fact]
    public async Task The_same_email_twice_in_one_import_is_one_contact()
    {
        var account = await host.CreateAccountAsync("duplicate rows");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Dupes");

        var response = await host.Api.PostAsync(
            "contacts/Import",
            $$"""{"group":{{groupId}},"contacts":[{"email":"twice@example.com","first_name":"A"},{"email":"TWICE@example.com","last_name":"B"}]}""",
            account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(1, response.Json.GetProperty("created").GetInt32());
        Assert.Equal(1, response.Json.GetProperty("updated").GetInt32());
        var contact = Assert.Single((await host.Api.GetAsync("contacts", account.Token)).Json.EnumerateArray());
        Assert.Equal("A", contact.GetProperty("first_name").GetString());
        Assert.Equal("B", contact.GetProperty("last_name").GetString());
        Assert.Equal(1, (await host.Api.GetAsync($"groups/{groupId}", account.Token)).Json.GetProperty("counter").GetInt64());
    }

    [Fact]
    public async Task A_thousand_contacts_is_the_most_one_import_takes()
    {
        var account = await host.CreateAccountAsync("thousand");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Big");

        var result = await host.Api.ImportContactsAsync(account.Token, groupId, "k", 1000);

        Assert.Equal(1000, result.GetProperty("created").GetInt32());
        var group = await host.Api.GetAsync($"groups/{groupId}", account.Token);
        Assert.Equal(1000, group.Json.GetProperty("counter").GetInt64());
        Assert.Equal(1000, group.Json.GetProperty("active_counter").GetInt64());
    }
}
