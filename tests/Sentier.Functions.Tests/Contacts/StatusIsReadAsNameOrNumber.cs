using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Clients send <c>status</c> as "Subscribed"/"Unsubscribed" (yehudafh), 1 (Laravel snippets) and
/// "1" (a PHP snippet): every form is read, on POST contacts, PUT contacts and POST members, and
/// the contact answers with the number.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class StatusIsReadAsNameOrNumber(DevHostFixture host)
{
    public static TheoryData<string, int> Statuses => new()
    {
        { "\"Subscribed\"", 1 },
        { "\"Unsubscribed\"", 2 },
        { "\"unsubscribed\"", 2 },
        { "1", 1 },
        { "\"1\"", 1 },
        { "2", 2 },
        { "\"2\"", 2 },
        { "\"Pending\"", 3 },
        { "0", 0 },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Posting_a_contact_reads_the_status(string status, int expected)
    {
        var account = await host.CreateAccountAsync("status post");

        var created = await host.Api.UpsertContactAsync(account.Token, $$"""{"email":"s@example.com","status":{{status}}}""");

        Assert.Equal(expected, created.GetProperty("status").GetInt32());
        var read = await host.Api.GetAsync($"contacts/{created.GetProperty("id").GetInt64()}", account.Token);
        Assert.Equal(expected, read.Json.GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Putting_a_contact_reads_the_status(string status, int expected)
    {
        var account = await host.CreateAccountAsync("status put");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"p@example.com","status":"Pending"}""")).GetProperty("id").GetInt64();

        var response = await host.Api.PutAsync($"contacts/{id}", $$"""{"status":{{status}}}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(expected, (await host.Api.GetAsync($"contacts/{id}", account.Token)).Json.GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Adding_a_member_reads_the_status(string status, int expected)
    {
        var account = await host.CreateAccountAsync("status member");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");

        var member = await host.Api.AddMemberAsync(account.Token, groupId, $$"""{"email":"m@example.com","status":{{status}}}""");

        Assert.Equal(expected, member.GetProperty("status").GetInt32());
        var read = await host.Api.GetAsync($"groups/{groupId}/members/{member.GetProperty("id").GetInt64()}", account.Token);
        Assert.Equal(expected, read.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unsubscribing_records_when_and_through_what()
    {
        var account = await host.CreateAccountAsync("unsubscribe record");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"u@example.com"}""")).GetProperty("id").GetInt64();
        Assert.Equal(JsonValueKind.Null, (await host.Api.GetAsync($"contacts/{id}", account.Token)).Json.GetProperty("unsubscribe_date").ValueKind);

        await host.Api.UpsertContactAsync(account.Token, """{"email":"u@example.com","status":"Unsubscribed"}""");

        var read = await host.Api.GetAsync($"contacts/{id}", account.Token);
        Assert.Matches(ApiAssert.WireDate(), read.Json.GetProperty("unsubscribe_date").GetString());
        Assert.Equal("api", read.Json.GetProperty("unsubscribe_source").GetString());

        // Subscribing again clears it.
        await host.Api.UpsertContactAsync(account.Token, """{"email":"u@example.com","status":1}""");
        Assert.Equal(JsonValueKind.Null, (await host.Api.GetAsync($"contacts/{id}", account.Token)).Json.GetProperty("unsubscribe_date").ValueKind);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("-1")]
    [InlineData("\"Gone\"")]
    [InlineData("\"Subscribed,Unsubscribed\"")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("1.5")]
    public async Task An_unknown_status_is_400_and_changes_nothing(string status)
    {
        var account = await host.CreateAccountAsync("bad status");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"b@example.com"}""")).GetProperty("id").GetInt64();
        var before = await host.Api.SnapshotAsync(account.Token);

        var post = await host.Api.PostAsync("contacts", $$"""{"email":"b@example.com","status":{{status}}}""", account.Token);
        var put = await host.Api.PutAsync($"contacts/{id}", $$"""{"status":{{status}}}""", account.Token);
        var create = await host.Api.PostAsync("contacts", $$"""{"email":"new@example.com","status":{{status}}}""", account.Token);

        Assert.Contains("status", ApiAssert.Error(HttpStatusCode.BadRequest, post), StringComparison.Ordinal);
        Assert.Contains("status", ApiAssert.Error(HttpStatusCode.BadRequest, put), StringComparison.Ordinal);
        ApiAssert.Error(HttpStatusCode.BadRequest, create);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }
}
