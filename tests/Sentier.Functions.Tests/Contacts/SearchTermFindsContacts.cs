using System.Net;
using System.Text;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// ActiveTrail's form plugin (at-cf7) looks a contact up with <c>GET contacts?SearchTerm=&lt;email&gt;</c>
/// and reads <c>response[0]</c>, sending <c>Content-Type: application/json; charset=utf-8</c> even on
/// the GET: an email finds exactly its contact, an unknown one an empty array; other text searches
/// names and phones.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class SearchTermFindsContacts(DevHostFixture host) : IAsyncLifetime
{
    private TestAccount _account = null!;
    private long _groupId;
    private long _tagged;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("search");
        _groupId = await host.Api.CreateGroupAsync(_account.Token, "Searched");
        _tagged = (await host.Api.AddMemberAsync(_account.Token, _groupId, """{"email":"First+Tag@Example.com","first_name":"Noa","last_name":"Levi"}""")).GetProperty("id").GetInt64();
        await host.Api.UpsertContactAsync(_account.Token, """{"email":"first@example.com","first_name":"Avi","last_name":"Cohen"}""");
        await host.Api.UpsertContactAsync(_account.Token, """{"email":"other@example.com","first_name":"Dan","last_name":"Levinson","sms":"0529876543"}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The GET as at-cf7 sends it: Basic token and a JSON content type on an empty body.</summary>
    private Task<ApiResponse> GetLikeAtCf7(string path)
    {
        var content = new ByteArrayContent([]);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        return host.Api.SendAsync(HttpMethod.Get, path, "Basic " + _account.Token, content);
    }

    [Theory]
    [InlineData("first%2Btag%40example.com")]
    [InlineData("FIRST%2BTAG%40EXAMPLE.COM")]
    [InlineData("%20first%2Btag%40example.com%20")]
    public async Task An_email_finds_exactly_its_contact_first(string term)
    {
        var response = await GetLikeAtCf7($"contacts?SearchTerm={term}");

        ApiAssert.Status(HttpStatusCode.OK, response);
        var first = Assert.Single(response.Json.EnumerateArray());
        Assert.Equal(_tagged, first.GetProperty("id").GetInt64());
        Assert.Equal("first+tag@example.com", first.GetProperty("email").GetString());
        Assert.Equal("Noa", first.GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task An_unknown_email_is_an_empty_array_not_an_error()
    {
        var response = await GetLikeAtCf7("contacts?SearchTerm=nobody%40example.com");

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("[]", response.Body);
        Assert.DoesNotContain("Message", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_matches_names_and_a_number_matches_the_mobile()
    {
        var levi = await host.Api.GetAsync("contacts?SearchTerm=levi", _account.Token);
        var phone = await host.Api.GetAsync("contacts?SearchTerm=%2B972529876543", _account.Token);
        var localPhone = await host.Api.GetAsync("contacts?SearchTerm=052-9876543", _account.Token);

        Assert.Equal(
            new SortedSet<string> { "first+tag@example.com", "other@example.com" },
            new SortedSet<string>(levi.Json.EnumerateArray().Select(c => c.GetProperty("email").GetString()!)));
        Assert.Equal("other@example.com", Assert.Single(phone.Json.EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal("other@example.com", Assert.Single(localPhone.Json.EnumerateArray()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Members_search_finds_only_members()
    {
        var member = await host.Api.GetAsync($"groups/{_groupId}/members?SearchTerm=first%2Btag%40example.com", _account.Token);
        var notMember = await host.Api.GetAsync($"groups/{_groupId}/members?SearchTerm=first%40example.com", _account.Token);

        Assert.Equal([_tagged], member.ItemIds());
        Assert.Equal("[]", notMember.Body);
    }

    [Fact]
    public async Task A_search_term_over_254_characters_is_400()
    {
        var term = new StringBuilder().Append('a', 250).Append("@example.com").ToString();

        var response = await host.Api.GetAsync($"contacts?SearchTerm={term}", _account.Token);

        Assert.Contains("SearchTerm", ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
    }
}
