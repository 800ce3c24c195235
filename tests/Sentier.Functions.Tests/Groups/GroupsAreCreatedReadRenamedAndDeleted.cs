using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Groups;

/// <summary>
/// Groups over HTTP: <c>POST groups {name}</c> answers 200 with ActiveTrail's group object, the
/// list is a bare array searchable by name, PUT renames, DELETE answers 204; bad names are 400
/// and unknown ids 404, changing nothing.
/// </summary>
[Collection(GroupsHost.Name)]
public sealed class GroupsAreCreatedReadRenamedAndDeleted(DevHostFixture host)
{
    [Fact]
    public async Task A_created_group_is_activetrails_group_object()
    {
        var account = await host.CreateAccountAsync("group shape");

        var response = await host.Api.PostAsync("groups", """{"name":"  Newsletter  "}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var group = response.Json;
        Assert.True(group.GetProperty("id").GetInt64() > 0);
        Assert.Equal("Newsletter", group.GetProperty("name").GetString());
        Assert.Equal(0, group.GetProperty("counter").GetInt64());
        Assert.Equal(0, group.GetProperty("active_counter").GetInt64());
        Assert.Matches(ApiAssert.WireDate(), group.GetProperty("created").GetString());
        Assert.Equal(JsonValueKind.Null, group.GetProperty("last_generated").ValueKind);
        var read = await host.Api.GetAsync($"groups/{group.GetProperty("id").GetInt64()}", account.Token);
        Assert.Equal(response.Body, read.Body);
    }

    [Fact]
    public async Task A_form_post_creates_a_group()
    {
        var account = await host.CreateAccountAsync("group form");

        var response = await host.Api.SendAsync(HttpMethod.Post, "groups", account.Token, ApiClient.Form(("name", "From a form")));

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("From a form", response.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_list_is_a_bare_array_searchable_by_name()
    {
        var account = await host.CreateAccountAsync("group list");
        var news = await host.Api.CreateGroupAsync(account.Token, "Newsletter IL");
        var vip = await host.Api.CreateGroupAsync(account.Token, "VIP customers");
        var newsEn = await host.Api.CreateGroupAsync(account.Token, "newsletter EN");

        var all = await host.Api.GetAsync("groups", account.Token);
        var searched = await host.Api.GetAsync("groups?SearchTerm=NEWS", account.Token);
        var none = await host.Api.GetAsync("groups?SearchTerm=nothing", account.Token);
        var paged = await host.Api.GetAsync("groups?Limit=2", account.Token);

        Assert.Equal(JsonValueKind.Array, all.Json.ValueKind);
        Assert.Equal(new[] { news, vip, newsEn }.Order(), all.ItemIds().Order());
        Assert.Equal(new[] { news, newsEn }.Order(), searched.ItemIds().Order());
        Assert.Equal("[]", none.Body);
        Assert.Equal(2, paged.Json.GetArrayLength());
        var rest = await host.Api.GetAsync($"groups?Limit=2&Continuation={Uri.EscapeDataString(paged.Header("X-Continuation")!)}", account.Token);
        Assert.Equal(all.ItemIds(), paged.ItemIds().Concat(rest.ItemIds()));
    }

    [Fact]
    public async Task Renaming_and_deleting_work_on_the_id()
    {
        var account = await host.CreateAccountAsync("group rename");
        var id = await host.Api.CreateGroupAsync(account.Token, "Old name");

        var rename = await host.Api.PutAsync($"groups/{id}", """{"name":"New name"}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, rename);
        Assert.Equal("New name", rename.Json.GetProperty("name").GetString());
        Assert.Equal("New name", (await host.Api.GetAsync($"groups/{id}", account.Token)).Json.GetProperty("name").GetString());
        Assert.Equal([id], (await host.Api.GetAsync("groups?SearchTerm=new", account.Token)).ItemIds());

        var delete = await host.Api.DeleteAsync($"groups/{id}", account.Token);

        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Equal("", delete.Body);
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"groups/{id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync($"groups/{id}", """{"name":"Back"}""", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"groups/{id}", account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("groups", account.Token)).Body);

        // Group ids are never reused.
        Assert.NotEqual(id, await host.Api.CreateGroupAsync(account.Token, "Old name"));
    }

    [Theory]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"name":["a"]}""", "name")]
    [InlineData("""{"name":"LONG"}""", "name")]
    [InlineData("""{"name":"x" """, "JSON")]
    [InlineData("""["x"]""", "JSON object")]
    public async Task A_bad_name_is_400_and_changes_nothing(string body, string mentioned)
    {
        var account = await host.CreateAccountAsync("bad group name");
        var id = await host.Api.CreateGroupAsync(account.Token, "Kept");
        var before = await host.Api.SnapshotAsync(account.Token);
        body = body.Replace("LONG", new string('g', 101), StringComparison.Ordinal);

        var create = await host.Api.PostAsync("groups", body, account.Token);
        var rename = await host.Api.PutAsync($"groups/{id}", body, account.Token);

        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, create), StringComparison.Ordinal);
        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, rename), StringComparison.Ordinal);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }

    [Fact]
    public async Task A_rename_that_is_not_json_is_415()
    {
        var account = await host.CreateAccountAsync("group content type");
        var id = await host.Api.CreateGroupAsync(account.Token, "Kept");

        var response = await host.Api.SendAsync(HttpMethod.Put, $"groups/{id}", account.Token, new StringContent("""{"name":"x"}""", System.Text.Encoding.UTF8, "text/plain"));

        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, response);
        Assert.Equal("Kept", (await host.Api.GetAsync($"groups/{id}", account.Token)).Json.GetProperty("name").GetString());
    }
}
