using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// A request may say who made a change with <c>X-Change-Source</c> (<c>manual</c> for a person in
/// a UI); the source is recorded with the change. A value that is not a known source is 400 and
/// the write does not happen.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ChangeSourceHeaderIsChecked(DevHostFixture host)
{
    private Task<ApiResponse> SendAsync(HttpMethod method, string path, string token, string? json, string source) =>
        host.Api.SendAsync(method, path, token, json is null ? null : ApiClient.Json(json), request => request.Headers.TryAddWithoutValidation("X-Change-Source", source));

    [Theory]
    [InlineData("manual", "manual")]
    [InlineData("Manual", "manual")]
    [InlineData(" MANUAL ", "manual")]
    [InlineData("zapier", "zapier")]
    [InlineData("", "api")]
    public async Task A_known_source_is_recorded_with_the_unsubscribe(string header, string recorded)
    {
        var account = await host.CreateAccountAsync("change source");

        var response = await SendAsync(HttpMethod.Post, "contacts", account.Token, """{"email":"who@example.com","status":"Unsubscribed"}""", header);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var read = await host.Api.GetAsync($"contacts/{response.Json.GetProperty("id").GetInt64()}", account.Token);
        Assert.Equal(recorded, read.Json.GetProperty("unsubscribe_source").GetString());
    }

    [Fact]
    public async Task An_import_without_the_header_is_recorded_as_import()
    {
        var account = await host.CreateAccountAsync("import source");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");

        var response = await host.Api.PostAsync("contacts/Import", $$"""{"group":{{groupId}},"contacts":[{"email":"imp@example.com","status":2}]}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var read = await host.Api.GetAsync("contacts/imp@example.com", account.Token);
        Assert.Equal("import", read.Json.GetProperty("unsubscribe_source").GetString());
    }

    [Fact]
    public async Task A_put_by_a_person_is_recorded_as_manual()
    {
        var account = await host.CreateAccountAsync("manual put");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"put@example.com"}""")).GetProperty("id").GetInt64();

        ApiAssert.Status(HttpStatusCode.OK, await SendAsync(HttpMethod.Put, $"contacts/{id}", account.Token, """{"is_do_not_mail":true}""", "manual"));

        var read = await host.Api.GetAsync($"contacts/{id}", account.Token);
        Assert.Equal("manual", read.Json.GetProperty("unsubscribe_source").GetString());
    }

    [Theory]
    [InlineData("crm")]
    [InlineData("1")]
    [InlineData("manual,api")]
    [InlineData("import,manual")]
    [InlineData("api ; manual")]
    public async Task An_unknown_source_is_400_and_nothing_changes(string header)
    {
        var account = await host.CreateAccountAsync("unknown source");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var id = (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"kept@example.com","first_name":"Kept"}""")).GetProperty("id").GetInt64();
        var before = await host.Api.SnapshotAsync(account.Token);

        var responses = new[]
        {
            await SendAsync(HttpMethod.Post, "contacts", account.Token, """{"email":"new@example.com"}""", header),
            await SendAsync(HttpMethod.Post, "contacts", account.Token, """{"email":"kept@example.com","status":"Unsubscribed"}""", header),
            await SendAsync(HttpMethod.Put, $"contacts/{id}", account.Token, """{"first_name":"Changed"}""", header),
            await SendAsync(HttpMethod.Delete, $"contacts/{id}", account.Token, null, header),
            await SendAsync(HttpMethod.Post, "contacts/Import", account.Token, $$"""{"group":{{groupId}},"contacts":[{"email":"imp@example.com"}]}""", header),
            await SendAsync(HttpMethod.Post, $"groups/{groupId}/members", account.Token, """{"email":"member@example.com"}""", header),
            await SendAsync(HttpMethod.Delete, $"groups/{groupId}/members/{id}", account.Token, null, header),
            await SendAsync(HttpMethod.Delete, $"groups/{groupId}", account.Token, null, header),
        };

        Assert.All(responses, response => Assert.Contains("X-Change-Source", ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal));
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
        Assert.Equal([id], (await host.Api.GetAsync($"groups/{groupId}/members", account.Token)).ItemIds());
    }
}
