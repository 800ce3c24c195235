using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Malformed JSON, wrong types, invalid or over-long emails, text over the field limit and a
/// contact with neither email nor sms are 400 with a message naming the problem, on POST, PUT and
/// POST members alike, and the account's contacts and groups read the same afterwards.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class BadContactInputChangesNothing(DevHostFixture host) : IAsyncLifetime
{
    private TestAccount _account = null!;
    private long _groupId;
    private long _contactId;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("bad contact input");
        _groupId = await host.Api.CreateGroupAsync(_account.Token, "Kept");
        _contactId = (await host.Api.AddMemberAsync(_account.Token, _groupId, """{"email":"kept@example.com","first_name":"Kept","num1":1,"birthday":"1990-01-01"}""")).GetProperty("id").GetInt64();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string LongEmail = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 62), 3)) + ".com";

    /// <summary>Bodies that are wrong whatever contact they name; <c>{email}</c> is replaced by an address.</summary>
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"email":"{email}" """, "JSON" },
        { """{email:"{email}"}""", "JSON" },
        { """not json""", "JSON" },
        { """[{"email":"{email}"}]""", "JSON object" },
        { "\"{email}\"", "JSON object" },
        { """{"email":"{email}",}""", "JSON" },
        { """{"email":5}""", "email" },
        { """{"email":{"address":"{email}"}}""", "email" },
        { """{"email":["{email}"]}""", "email" },
        { """{"email":true}""", "email" },
        { """{"email":"{email}","num1":"abc"}""", "num1" },
        { """{"email":"{email}","num1":true}""", "num1" },
        { """{"email":"{email}","num1":{}}""", "num1" },
        { """{"email":"{email}","num1":"NaN"}""", "num1" },
        { """{"email":"{email}","birthday":"soon"}""", "birthday" },
        { """{"email":"{email}","birthday":5}""", "birthday" },
        { """{"email":"{email}","date1":"2020-13-45"}""", "date1" },
        { """{"email":"{email}","date2":"1500-01-01"}""", "date2" },
        { """{"email":"{email}","status":9}""", "status" },
        { """{"email":"{email}","sms_status":"Maybe"}""", "sms_status" },
        { """{"email":"{email}","is_do_not_mail":"maybe"}""", "is_do_not_mail" },
        { """{"email":"{email}","is_do_not_mail":2}""", "is_do_not_mail" },
        { """{"email":"{email}","first_name":{"x":1}}""", "first_name" },
        { """{"email":"{email}","first_name":[]}""", "first_name" },
        { """{"email":"{email}","first_name":true}""", "first_name" },
        { """{"email":"{email}","double_optin":"yes"}""", "double_optin" },
        { """{"email":"{email}","sms":"not a number"}""", "sms" },
        { """{"email":"{email}","sms":"12"}""", "sms" },
        { """{"email":"{email}","ext1":"EXT1"}""".Replace("EXT1", new string('x', 1001), StringComparison.Ordinal), "ext1" },
        { """{"email":"{email}","first_name":"LONG"}""".Replace("LONG", new string('n', 1001), StringComparison.Ordinal), "first_name" },
        { """{"email":"plainaddress"}""", "email" },
        { """{"email":"a@b"}""", "email" },
        { """{"email":"@example.com"}""", "email" },
        { """{"email":"a@example..com"}""", "email" },
        { """{"email":"a b@example.com"}""", "email" },
        { """{"email":"a@-example.com"}""", "email" },
        { """{"email":"a@example.c"}""", "email" },
        { """{"email":"a..b@example.com"}""", "email" },
        { """{"email":"a@example.com\u0000"}""", "email" },
        { """{"email":"LONG"}""".Replace("LONG", LongEmail, StringComparison.Ordinal), "254" },
        { """{"email":"LONG"}""".Replace("LONG", new string('a', 300) + "@example.com", StringComparison.Ordinal), "email" },
    };

    private string Body(string template, string email) => template.Replace("{email}", email, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Creating_with_bad_input_is_400_and_writes_nothing(string template, string mentioned)
    {
        var before = await host.Api.SnapshotAsync(_account.Token);

        var response = await host.Api.PostAsync("contacts", Body(template, "new@example.com"), _account.Token);

        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
        Assert.Equal(before, await host.Api.SnapshotAsync(_account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("contacts?SearchTerm=new%40example.com", _account.Token)).Body);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Upserting_an_existing_contact_with_bad_input_is_400_and_changes_nothing(string template, string mentioned)
    {
        var before = await host.Api.SnapshotAsync(_account.Token);

        var post = await host.Api.PostAsync("contacts", Body(template, "kept@example.com"), _account.Token);
        var member = await host.Api.PostAsync($"groups/{_groupId}/members", Body(template, "kept@example.com"), _account.Token);

        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, post), StringComparison.Ordinal);
        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, member), StringComparison.Ordinal);
        Assert.Equal(before, await host.Api.SnapshotAsync(_account.Token));
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Updating_with_bad_input_is_400_and_changes_nothing(string template, string mentioned)
    {
        var before = await host.Api.GetAsync($"contacts/{_contactId}", _account.Token);

        var response = await host.Api.PutAsync($"contacts/{_contactId}", Body(template, "kept@example.com"), _account.Token);

        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
        Assert.Equal(before.Body, (await host.Api.GetAsync($"contacts/{_contactId}", _account.Token)).Body);
    }

    [Theory]
    [InlineData("""{"first_name":"Nobody"}""")]
    [InlineData("""{"email":null,"sms":null}""")]
    [InlineData("""{"email":"","first_name":"Blank"}""")]
    [InlineData("""{"email":"   "}""")]
    [InlineData("""{}""")]
    public async Task A_contact_with_neither_email_nor_sms_is_400(string body)
    {
        var before = await host.Api.SnapshotAsync(_account.Token);

        var post = await host.Api.PostAsync("contacts", body, _account.Token);
        var member = await host.Api.PostAsync($"groups/{_groupId}/members", body, _account.Token);

        Assert.Contains("email", ApiAssert.Error(HttpStatusCode.BadRequest, post), StringComparison.Ordinal);
        Assert.Contains("email", ApiAssert.Error(HttpStatusCode.BadRequest, member), StringComparison.Ordinal);
        Assert.Equal(before, await host.Api.SnapshotAsync(_account.Token));
    }

    [Fact]
    public async Task Clearing_the_only_email_of_a_contact_without_sms_is_400()
    {
        var before = await host.Api.GetAsync($"contacts/{_contactId}", _account.Token);

        var response = await host.Api.PutAsync($"contacts/{_contactId}", """{"email":null}""", _account.Token);

        ApiAssert.Error(HttpStatusCode.BadRequest, response);
        Assert.Equal(before.Body, (await host.Api.GetAsync($"contacts/{_contactId}", _account.Token)).Body);
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        var before = await host.Api.SnapshotAsync(_account.Token);

        var post = await host.Api.SendAsync(HttpMethod.Post, "contacts", _account.Token, ApiClient.Json(""));
        var put = await host.Api.SendAsync(HttpMethod.Put, $"contacts/{_contactId}", _account.Token);

        Assert.Contains("empty", ApiAssert.Error(HttpStatusCode.BadRequest, post), StringComparison.Ordinal);
        Assert.Contains("empty", ApiAssert.Error(HttpStatusCode.BadRequest, put), StringComparison.Ordinal);
        Assert.Equal(before, await host.Api.SnapshotAsync(_account.Token));
    }
}
