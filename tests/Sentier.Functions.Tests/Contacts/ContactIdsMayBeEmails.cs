using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// ActiveTrail identifies a contact "by the id or email lowercase": wherever a route takes a
/// contact or member id, the contact's email (any case, escaped or not) names the same contact.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ContactIdsMayBeEmails(DevHostFixture host)
{
    [Theory]
    [InlineData("mail.me+news@example.com")]
    [InlineData("Mail.Me+News@Example.COM")]
    [InlineData("mail.me%2Bnews%40example.com")]
    public async Task An_email_in_the_route_names_the_contact(string idOrEmail)
    {
        var account = await host.CreateAccountAsync("email ids");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "By email");
        var id = (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"mail.me+news@example.com","first_name":"Mail"}""")).GetProperty("id").GetInt64();

        var read = await host.Api.GetAsync($"contacts/{idOrEmail}", account.Token);
        var update = await host.Api.PutAsync($"contacts/{idOrEmail}", """{"last_name":"Updated"}""", account.Token);
        var groups = await host.Api.GetAsync($"contacts/{idOrEmail}/groups", account.Token);
        var member = await host.Api.GetAsync($"groups/{groupId}/members/{idOrEmail}", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, read);
        Assert.Equal(id, read.Json.GetProperty("id").GetInt64());
        ApiAssert.Status(HttpStatusCode.OK, update);
        Assert.Equal("Updated", (await host.Api.GetAsync($"contacts/{id}", account.Token)).Json.GetProperty("last_name").GetString());
        Assert.Equal([groupId], groups.ItemIds());
        Assert.Equal(id, member.Json.GetProperty("id").GetInt64());

        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{groupId}/members/{idOrEmail}", account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync($"groups/{groupId}/members", account.Token)).Body);
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"contacts/{idOrEmail}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"contacts/{id}", account.Token));
    }

    [Fact]
    public async Task An_unknown_email_is_404_everywhere_and_creates_nothing()
    {
        var account = await host.CreateAccountAsync("unknown email ids");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var before = await host.Api.SnapshotAsync(account.Token);

        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync("contacts/nobody@example.com", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync("contacts/nobody@example.com", """{"first_name":"X"}""", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync("contacts/nobody@example.com", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync("contacts/nobody@example.com/groups", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{groupId}/members/nobody@example.com", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{groupId}/members/nobody@example.com", account.Token));
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    /// <summary>Valid addresses may hold characters that table keys and URLs treat specially.</summary>
    [Theory]
    [InlineData("a#b@example.com", "a%23b%40example.com")]
    [InlineData("a?b@example.com", "a%3Fb%40example.com")]
    [InlineData("o'brien@example.com", "o'brien%40example.com")]
    [InlineData("דנה@example.co.il", "%D7%93%D7%A0%D7%94%40example.co.il")]
    public async Task An_address_with_special_characters_is_one_contact_found_by_it(string email, string escaped)
    {
        var account = await host.CreateAccountAsync("special addresses");
        var id = (await host.Api.UpsertContactAsync(account.Token, JsonSerializer.Serialize(new { email }))).GetProperty("id").GetInt64();
        var again = await host.Api.UpsertContactAsync(account.Token, JsonSerializer.Serialize(new { email = email.ToUpperInvariant(), city = "Same" }));

        Assert.Equal(id, again.GetProperty("id").GetInt64());
        Assert.Equal(id, (await host.Api.GetAsync($"contacts/{escaped}", account.Token)).Json.GetProperty("id").GetInt64());
        Assert.Equal([id], (await host.Api.GetAsync($"contacts?SearchTerm={escaped}", account.Token)).ItemIds());
        Assert.Single((await host.Api.GetAsync("contacts", account.Token)).Json.EnumerateArray());
    }

    /// <summary>
    /// Routing decodes %25 but leaves %2F encoded, so "%2F" in a route could be "/" or a literal
    /// "%2F": such addresses are found by search or by id, and the route answers 404 saying so.
    /// </summary>
    [Theory]
    [InlineData("a/b@example.com", "a%2Fb%40example.com")]
    [InlineData("100%@example.com", "100%25%40example.com")]
    public async Task An_address_with_a_slash_or_percent_is_reached_by_search_or_id(string email, string escaped)
    {
        var account = await host.CreateAccountAsync("slash and percent addresses");
        var id = (await host.Api.UpsertContactAsync(account.Token, JsonSerializer.Serialize(new { email }))).GetProperty("id").GetInt64();

        var byRoute = await host.Api.GetAsync($"contacts/{escaped}", account.Token);

        Assert.Equal(HttpStatusCode.NotFound, byRoute.Status);
        Assert.Contains("reached by its id", byRoute.Json.GetProperty("Message").GetString());
        Assert.Equal([id], (await host.Api.GetAsync($"contacts?SearchTerm={escaped}", account.Token)).ItemIds());
        Assert.Equal(id, (await host.Api.GetAsync($"contacts/{id}", account.Token)).Json.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_percent_sequence_in_a_route_email_never_names_another_contact()
    {
        var account = await host.CreateAccountAsync("percent in address");
        var slash = (await host.Api.UpsertContactAsync(account.Token, """{"email":"a/b@example.com","first_name":"Slash"}""")).GetProperty("id").GetInt64();
        var percent = (await host.Api.UpsertContactAsync(account.Token, """{"email":"a%2Fb@example.com","first_name":"Percent"}""")).GetProperty("id").GetInt64();
        Assert.NotEqual(slash, percent);

        // The client escapes "%" as %25, as any URL builder does; the route must not decode it twice.
        var read = await host.Api.GetAsync("contacts/a%252Fb%40example.com", account.Token);
        var delete = await host.Api.DeleteAsync("contacts/a%252Fb%40example.com", account.Token);

        Assert.True(
            read.Status == HttpStatusCode.NotFound || read.Json.GetProperty("id").GetInt64() == percent,
            $"contacts/a%252Fb%40example.com named contact {slash} (a/b@example.com): {read}");
        Assert.Equal("Slash", (await host.Api.GetAsync($"contacts/{slash}", account.Token)).Json.GetProperty("first_name").GetString());
        Assert.True(delete.Status is HttpStatusCode.NotFound or HttpStatusCode.NoContent, delete.ToString());
    }
}
