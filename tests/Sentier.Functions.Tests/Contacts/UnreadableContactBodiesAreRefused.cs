using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// A body over the limit (1 MiB by default) is 413 and a body declared as neither JSON nor a form
/// is 415 (a PUT takes JSON only); neither changes the contact.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class UnreadableContactBodiesAreRefused(DevHostFixture host)
{
    private const int DefaultLimit = 1024 * 1024;

    private static StringContent OverTheLimit(string email) =>
        ApiClient.Json($$"""{"email":"{{email}}","first_name":"Big","padding":"{{new string('p', DefaultLimit)}}"}""");

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_writes_nothing()
    {
        var account = await host.CreateAccountAsync("too large");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"kept@example.com","first_name":"Kept"}""")).GetProperty("id").GetInt64();
        var before = await host.Api.SnapshotAsync(account.Token);

        var post = await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, OverTheLimit("big@example.com"));
        var put = await host.Api.SendAsync(HttpMethod.Put, $"contacts/{id}", account.Token, OverTheLimit("kept@example.com"));
        var member = await host.Api.SendAsync(HttpMethod.Post, $"groups/{groupId}/members", account.Token, OverTheLimit("big@example.com"));

        ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, post);
        ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, put);
        ApiAssert.Error(HttpStatusCode.RequestEntityTooLarge, member);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_put_that_is_not_json_is_415_and_changes_nothing(string contentType)
    {
        var account = await host.CreateAccountAsync("put content type");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"typed@example.com","first_name":"Typed"}""")).GetProperty("id").GetInt64();
        var before = await host.Api.GetAsync($"contacts/{id}", account.Token);
        var content = new StringContent("""{"first_name":"Changed"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await host.Api.SendAsync(HttpMethod.Put, $"contacts/{id}", account.Token, content);

        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, response);
        Assert.Equal(before.Body, (await host.Api.GetAsync($"contacts/{id}", account.Token)).Body);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task A_post_that_is_neither_json_nor_a_form_is_415(string contentType)
    {
        var account = await host.CreateAccountAsync("post content type");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var before = await host.Api.SnapshotAsync(account.Token);
        StringContent Body(string json)
        {
            var content = new StringContent(json, Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return content;
        }

        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, Body("""{"email":"x@example.com"}""")));
        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, await host.Api.SendAsync(HttpMethod.Post, $"groups/{groupId}/members", account.Token, Body("""{"email":"x@example.com"}""")));
        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, await host.Api.SendAsync(HttpMethod.Post, "contacts/Import", account.Token, Body($$"""{"group":{{groupId}},"contacts":[{"email":"x@example.com"}]}""")));
        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, await host.Api.SendAsync(HttpMethod.Post, "groups", account.Token, Body("""{"name":"x"}""")));
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    [Fact]
    public async Task A_json_body_without_a_content_type_is_read()
    {
        var account = await host.CreateAccountAsync("no content type");
        var content = new ByteArrayContent("""{"email":"untyped@example.com"}"""u8.ToArray());

        var response = await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, content);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("untyped@example.com", response.Json.GetProperty("email").GetString());
    }
}
