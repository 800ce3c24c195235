using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Contact, group, member and field ids that could never be table keys (<c>/ \ # ?</c>, control
/// characters, overflowing or non-positive numbers, 2,000 characters) come back as a clean
/// 404 or 400 with a JSON message, never a storage error, and change nothing.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class MalformedContactIdsAreRefused(DevHostFixture host) : IAsyncLifetime
{
    private TestAccount _account = null!;
    private long _groupId;
    private long _contactId;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("malformed contact ids");
        _groupId = await host.Api.CreateGroupAsync(_account.Token, "G");
        _contactId = (await host.Api.AddMemberAsync(_account.Token, _groupId, """{"email":"real@example.com"}""")).GetProperty("id").GetInt64();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Ids => new()
    {
        "%2F",
        "1%2F2",
        "%5C",
        "1%5C",
        "%23",
        "1%23",
        "%3F",
        "1%3Fx",
        "%00",
        "1%00",
        "%01",
        "%0A",
        "%7F",
        "%E2%80%8B",
        "%20",
        "0",
        "-1",
        "1.5",
        "1e3",
        "0x1",
        "99999999999999999999",
        "9223372036854775807",
        "real%23%40example.com",
        "real%00%40example.com",
        "real%40example.com%2F",
        new string('7', 2000),
        new string('a', 2000),
    };

    private static void AssertRefused(ApiResponse response)
    {
        Assert.True(
            response.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
            $"Expected 404 or 400, got {response}");
        if (response.Body.Length > 0)
        {
            ApiAssert.Error(response.Status, response);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Contact_routes_refuse_the_id(string id)
    {
        var before = await host.Api.SnapshotAsync(_account.Token);

        AssertRefused(await host.Api.GetAsync($"contacts/{id}", _account.Token));
        AssertRefused(await host.Api.PutAsync($"contacts/{id}", """{"first_name":"X"}""", _account.Token));
        AssertRefused(await host.Api.DeleteAsync($"contacts/{id}", _account.Token));
        AssertRefused(await host.Api.GetAsync($"contacts/{id}/groups", _account.Token));

        Assert.Equal(before, await host.Api.SnapshotAsync(_account.Token));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Group_routes_refuse_the_id(string id)
    {
        var before = await host.Api.SnapshotAsync(_account.Token);

        AssertRefused(await host.Api.GetAsync($"groups/{id}", _account.Token));
        AssertRefused(await host.Api.PutAsync($"groups/{id}", """{"name":"X"}""", _account.Token));
        AssertRefused(await host.Api.DeleteAsync($"groups/{id}", _account.Token));
        AssertRefused(await host.Api.GetAsync($"groups/{id}/members", _account.Token));
        AssertRefused(await host.Api.PostAsync($"groups/{id}/members", """{"email":"added@example.com"}""", _account.Token));
        AssertRefused(await host.Api.GetAsync($"groups/{id}/members/{_contactId}", _account.Token));

        Assert.Equal(before, await host.Api.SnapshotAsync(_account.Token));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Member_routes_refuse_the_id(string id)
    {
        var before = await host.Api.SnapshotAsync(_account.Token);

        AssertRefused(await host.Api.GetAsync($"groups/{_groupId}/members/{id}", _account.Token));
        AssertRefused(await host.Api.DeleteAsync($"groups/{_groupId}/members/{id}", _account.Token));

        Assert.Equal(before, await host.Api.SnapshotAsync(_account.Token));
        Assert.Equal([_contactId], (await host.Api.GetAsync($"groups/{_groupId}/members", _account.Token)).ItemIds());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Contact_field_routes_refuse_the_name(string name)
    {
        AssertRefused(await host.Api.PutAsync($"account/contactFields/{name}", """{"field_display_name":"X"}""", _account.Token));
    }
}
