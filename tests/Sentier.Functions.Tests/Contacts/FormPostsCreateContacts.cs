using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Web forms and one public client post <c>email=…&amp;first_name=…</c> as
/// application/x-www-form-urlencoded to <c>POST contacts</c> (and to group members): it is read
/// like the same JSON object, text values converted as ActiveTrail's binder would.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class FormPostsCreateContacts(DevHostFixture host)
{
    [Fact]
    public async Task A_form_post_creates_the_contact()
    {
        var account = await host.CreateAccountAsync("form post");
        var form = ApiClient.Form(("email", "form.user@example.com"), ("first_name", "דנה"), ("last_name", "Levi & Sons"), ("num1", "42"), ("is_deleted", "false"));

        var response = await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, form);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var id = response.Json.GetProperty("id").GetInt64();
        var read = await host.Api.GetAsync($"contacts/{id}", account.Token);
        Assert.Equal("form.user@example.com", read.Json.GetProperty("email").GetString());
        Assert.Equal("דנה", read.Json.GetProperty("first_name").GetString());
        Assert.Equal("Levi & Sons", read.Json.GetProperty("last_name").GetString());
        Assert.Equal(42, read.Json.GetProperty("num1").GetDouble());
        Assert.Equal(1, read.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_raw_form_body_with_a_charset_is_read()
    {
        var account = await host.CreateAccountAsync("raw form");
        var content = new StringContent("email=raw%40example.com&first_name=Raw+Form&status=Unsubscribed", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=UTF-8");

        var response = await host.Api.SendAsync(HttpMethod.Post, "contacts", "Basic " + account.Token, content);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("raw@example.com", response.Json.GetProperty("email").GetString());
        Assert.Equal("Raw Form", response.Json.GetProperty("first_name").GetString());
        Assert.Equal(2, response.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_form_post_adds_a_group_member()
    {
        var account = await host.CreateAccountAsync("form member");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Form signups");

        var response = await host.Api.SendAsync(
            HttpMethod.Post, $"groups/{groupId}/members?campaignid=", account.Token, ApiClient.Form(("email", "signup@example.com"), ("status", "1")));

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("added", response.Json.GetProperty("state").GetString());
        var members = await host.Api.GetAsync($"groups/{groupId}/members", account.Token);
        Assert.Equal([response.Json.GetProperty("id").GetInt64()], members.ItemIds());
    }

    [Fact]
    public async Task A_form_post_with_a_bad_value_is_400_and_writes_nothing()
    {
        var account = await host.CreateAccountAsync("bad form");
        var before = await host.Api.SnapshotAsync(account.Token);

        var badEmail = await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, ApiClient.Form(("email", "not an email"), ("first_name", "X")));
        var badNumber = await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, ApiClient.Form(("email", "n@example.com"), ("num1", "abc")));
        var noIdentity = await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, ApiClient.Form(("first_name", "Nobody")));

        Assert.Contains("email", ApiAssert.Error(HttpStatusCode.BadRequest, badEmail), StringComparison.Ordinal);
        Assert.Contains("num1", ApiAssert.Error(HttpStatusCode.BadRequest, badNumber), StringComparison.Ordinal);
        ApiAssert.Error(HttpStatusCode.BadRequest, noIdentity);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }
}
