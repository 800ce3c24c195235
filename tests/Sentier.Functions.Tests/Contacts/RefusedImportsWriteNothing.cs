using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// An import that cannot be read as a whole (more than 1,000 contacts, no or an unknown group,
/// malformed JSON) is refused with a 4xx before any row is written.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class RefusedImportsWriteNothing(DevHostFixture host)
{
    [Fact]
    public async Task A_thousand_and_one_contacts_is_400_and_none_is_written()
    {
        var account = await host.CreateAccountAsync("1001");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Too many");
        var before = await host.Api.SnapshotAsync(account.Token);
        var contacts = Enumerable.Range(0, 1001).Select(i => new { email = $"over{i}@example.com" });

        var response = await host.Api.PostAsync("contacts/Import", JsonSerializer.Serialize(new { group = groupId, contacts }), account.Token);

        Assert.Contains("1000", ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("contacts?SearchTerm=over0%40example.com", account.Token)).Body);
        Assert.Equal("[]", (await host.Api.GetAsync($"groups/{groupId}/members", account.Token)).Body);
    }

    [Theory]
    [InlineData("""{"group":999999,"contacts":[{"email":"x@example.com"}]}""", HttpStatusCode.NotFound)]
    [InlineData("""{"group":0,"contacts":[{"email":"x@example.com"}]}""", HttpStatusCode.NotFound)]
    [InlineData("""{"group":-1,"contacts":[{"email":"x@example.com"}]}""", HttpStatusCode.NotFound)]
    [InlineData("""{"contacts":[{"email":"x@example.com"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"group":"abc","contacts":[{"email":"x@example.com"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"group":1.5,"contacts":[{"email":"x@example.com"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"group_id":{group},"contacts":[{"email":"x@example.com"}]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"group":{group}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"group":{group},"contacts":{"email":"x@example.com"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"group":{group},"contacts":[{"email":"x@example.com"}],"mailing_list":"none"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"group":{group},"contacts":[{"email":"x@example.com"}""", HttpStatusCode.BadRequest)]
    [InlineData("""[{"email":"x@example.com"}]""", HttpStatusCode.BadRequest)]
    public async Task An_import_that_cannot_be_read_is_refused_and_writes_nothing(string body, HttpStatusCode expected)
    {
        var account = await host.CreateAccountAsync("refused import");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "Target");
        var before = await host.Api.SnapshotAsync(account.Token);

        var response = await host.Api.PostAsync("contacts/Import", body.Replace("{group}", groupId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), account.Token);

        ApiAssert.Error(expected, response);
        Assert.Equal(before, await host.Api.SnapshotAsync(account.Token));
    }
}
