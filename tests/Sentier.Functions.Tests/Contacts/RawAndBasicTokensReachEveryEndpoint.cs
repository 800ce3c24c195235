using System.Globalization;
using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Real clients send the token bare (yehudafh, kpeatubho) or after "Basic " without base64
/// (dofinity, at-cf7, zb): both reach every contacts, groups and fields endpoint.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class RawAndBasicTokensReachEveryEndpoint(DevHostFixture host)
{
    [Theory]
    [InlineData("{0}")]
    [InlineData("Basic {0}")]
    public async Task Every_endpoint_answers_the_header_form(string form)
    {
        var account = await host.CreateAccountAsync("header form");
        var auth = string.Format(CultureInfo.InvariantCulture, form, account.Token);

        var created = await host.Api.PostAsync("contacts", """{"email":"form@example.com"}""", auth);
        ApiAssert.Status(HttpStatusCode.OK, created);
        var id = created.Json.GetProperty("id").GetInt64();
        var group = await host.Api.PostAsync("groups", """{"name":"G"}""", auth);
        ApiAssert.Status(HttpStatusCode.OK, group);
        var groupId = group.Json.GetProperty("id").GetInt64();

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("contacts", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"contacts/{id}", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"contacts/{id}", """{"first_name":"F"}""", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"contacts/{id}/groups", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("contacts/Subscription/Unsubscribers", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("contacts/Subscription/Subscribers", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PostAsync("contacts/Import", $$"""{"group":{{groupId}},"contacts":[{"email":"imported@example.com"}]}""", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("groups", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"groups/{groupId}", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"groups/{groupId}", """{"name":"G2"}""", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PostAsync($"groups/{groupId}/members", """{"email":"form@example.com"}""", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"groups/{groupId}/members", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync($"groups/{groupId}/members/{id}", auth));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{groupId}/members/{id}", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account/contactFields", auth));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync("account/contactFields/ext1", """{"field_display_name":"Label"}""", auth));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{groupId}", auth));
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"contacts/{id}", auth));
    }

    [Fact]
    public async Task Without_a_token_every_endpoint_is_401_and_nothing_is_written()
    {
        var account = await host.CreateAccountAsync("no token");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var before = await host.Api.SnapshotAsync(account.Token);

        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Get, "contacts", null),
            (HttpMethod.Post, "contacts", """{"email":"anon@example.com"}"""),
            (HttpMethod.Post, "contacts/Import", $$"""{"group":{{groupId}},"contacts":[{"email":"anon@example.com"}]}"""),
            (HttpMethod.Post, $"groups/{groupId}/members", """{"email":"anon@example.com"}"""),
            (HttpMethod.Delete, $"groups/{groupId}", null),
            (HttpMethod.Get, "account/contactFields", null),
        })
        {
            var response = await host.Api.SendAsync(method, path, content: body is null ? null : ApiClient.Json(body));
            ApiAssert.Error(HttpStatusCode.Unauthorized, response);
        }

        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }
}
