using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Groups;

/// <summary>
/// <c>POST groups/{id}/members</c>, the most used call of ActiveTrail's API, as zb sends it
/// (<c>?campaignid=</c> empty, Basic token) and as others add member-only fields: it upserts the
/// contact, answers 200 with the contact plus <c>state</c> (<c>added</c>, then <c>existing</c>),
/// and a member can then be read and removed; a non-member is 404.
/// </summary>
[Collection(GroupsHost.Name)]
public sealed class MembersAreAddedIdempotently(DevHostFixture host)
{
    [Fact]
    public async Task A_zb_style_add_answers_with_the_contact_and_its_state()
    {
        var account = await host.CreateAccountAsync("zb member");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Elementor form");
        var auth = "Basic " + account.Token;

        var first = await host.Api.PostAsync($"groups/{groupId}/members?campaignid=", """{"email":"zb@example.com","first_name":"Zee","phone1":"0501231234","ext2":"landing"}""", auth);
        var second = await host.Api.PostAsync($"groups/{groupId}/members?campaignid=", """{"email":"zb@example.com","first_name":"Zed"}""", auth);

        ApiAssert.Status(HttpStatusCode.OK, first);
        ApiAssert.Status(HttpStatusCode.OK, second);
        Assert.Equal("added", first.Json.GetProperty("state").GetString());
        Assert.Equal("existing", second.Json.GetProperty("state").GetString());
        var id = first.Json.GetProperty("id").GetInt64();
        Assert.Equal(id, second.Json.GetProperty("id").GetInt64());
        Assert.Equal("Zed", second.Json.GetProperty("first_name").GetString());
        Assert.Equal("landing", second.Json.GetProperty("ext2").GetString());
        Assert.Equal([id], (await host.Api.GetAsync($"groups/{groupId}/members", auth)).ItemIds());
        Assert.Equal(1, (await host.Api.GetAsync($"groups/{groupId}", auth)).Json.GetProperty("counter").GetInt64());
    }

    [Fact]
    public async Task Member_only_fields_and_unknown_query_values_are_accepted()
    {
        var account = await host.CreateAccountAsync("member fields");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");

        var response = await host.Api.PostAsync(
            $"groups/{groupId}/members?campaignid=&IsIncludeNotSent=False",
            """{"email":"fields@example.com","sms":"0507778888","status":"1","sms_status":1,"campaign_id":0,"is_trigger_events":false,"is_solve_merge":true,"subscribe_ip":"203.0.113.9","double_optin":{"subject":"Confirm","message":"Please","confirmation_link_text":"Yes"},"is_deleted":false}""",
            account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("added", response.Json.GetProperty("state").GetString());
        Assert.Equal("+972507778888", response.Json.GetProperty("sms").GetString());
        Assert.Equal("203.0.113.9", response.Json.GetProperty("subscribe_ip").GetString());
        Assert.Equal("Confirm", response.Json.GetProperty("double_optin").GetProperty("subject").GetString());
    }

    [Fact]
    public async Task An_existing_contact_joining_the_group_is_added()
    {
        var account = await host.CreateAccountAsync("existing joins");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"known@example.com","city":"Safed"}""")).GetProperty("id").GetInt64();
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{groupId}/members/{id}", account.Token));

        var response = await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"Known@Example.com"}""");

        Assert.Equal("added", response.GetProperty("state").GetString());
        Assert.Equal(id, response.GetProperty("id").GetInt64());
        Assert.Equal("Safed", response.GetProperty("city").GetString());
        var member = await host.Api.GetAsync($"groups/{groupId}/members/{id}", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, member);
        Assert.Equal("known@example.com", member.Json.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Removing_a_member_keeps_the_contact()
    {
        var account = await host.CreateAccountAsync("remove member");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var id = (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"leaving@example.com"}""")).GetProperty("id").GetInt64();

        var remove = await host.Api.DeleteAsync($"groups/{groupId}/members/{id}", account.Token);

        Assert.Equal(HttpStatusCode.NoContent, remove.Status);
        Assert.Equal("", remove.Body);
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{groupId}/members/{id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{groupId}/members/{id}", account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync($"groups/{groupId}/members", account.Token)).Body);
        Assert.Equal("[]", (await host.Api.GetAsync($"contacts/{id}/groups", account.Token)).Body);
        Assert.Equal("leaving@example.com", (await host.Api.GetAsync($"contacts/{id}", account.Token)).Json.GetProperty("email").GetString());

        // Adding again is "added" once more.
        Assert.Equal("added", (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"leaving@example.com"}""")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Adding_to_an_unknown_group_is_404_and_creates_no_contact()
    {
        var account = await host.CreateAccountAsync("unknown group");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Real");
        var before = await host.Api.SnapshotAsync(account.Token);

        foreach (var missing in new[] { groupId + 1, 999999 })
        {
            var response = await host.Api.PostAsync($"groups/{missing}/members?campaignid=", """{"email":"orphan@example.com"}""", account.Token);
            ApiAssert.Error(HttpStatusCode.NotFound, response);
            ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{missing}/members", account.Token));
        }

        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    [Fact]
    public async Task Parallel_adds_of_one_new_email_make_one_member()
    {
        var account = await host.CreateAccountAsync("parallel adds");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            host.Api.PostAsync($"groups/{groupId}/members", $$"""{"email":"race@example.com","num1":{{i}}}""", account.Token)));

        Assert.All(responses, response => ApiAssert.Status(HttpStatusCode.OK, response));
        Assert.Single(responses.Select(r => r.Json.GetProperty("id").GetInt64()).Distinct());
        Assert.Single(responses, r => r.Json.GetProperty("state").GetString() == "added");
        Assert.Single((await host.Api.GetAsync("contacts", account.Token)).Json.EnumerateArray());
        var group = await host.Api.GetAsync($"groups/{groupId}", account.Token);
        Assert.Equal(1, group.Json.GetProperty("counter").GetInt64());
        Assert.Equal(1, group.Json.GetProperty("active_counter").GetInt64());
    }

    [Fact]
    public async Task Is_deleted_true_in_a_member_post_deletes_and_the_answer_says_so()
    {
        var account = await host.CreateAccountAsync("member is_deleted");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        var id = (await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"member@example.com"}""")).GetProperty("id").GetInt64();

        var response = await host.Api.PostAsync($"groups/{groupId}/members", """{"email":"member@example.com","is_deleted":true}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"contacts/{id}", account.Token));
        Assert.Equal(0, (await host.Api.GetAsync($"groups/{groupId}", account.Token)).Json.GetProperty("counter").GetInt64());
        Assert.True(response.Json.GetProperty("is_deleted").GetBoolean(), $"The contact was deleted but the answer says otherwise: {response}");
    }
}
