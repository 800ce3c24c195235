using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// <c>CustomerStates</c> arrives as repeated keys (py-sdk), comma lists, names in any case and
/// numbers, -1 meaning all (a Laravel client); unknown parameters such as <c>IsIncludeNotSent=False</c>
/// are ignored. The same filter works on contacts and on group members.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class CustomerStatesFilterContacts(DevHostFixture host) : IAsyncLifetime
{
    private TestAccount _account = null!;
    private long _groupId;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("customer states");
        _groupId = await host.Api.CreateGroupAsync(_account.Token, "States");
        var import = await host.Api.PostAsync(
            "contacts/Import",
            $$"""
            {"group":{{_groupId}},"contacts":[
              {"email":"active@example.com","status":"Subscribed"},
              {"email":"unsubscribed@example.com","status":"Unsubscribed"},
              {"email":"donotmail@example.com","status":1,"is_do_not_mail":true},
              {"email":"pending@example.com","status":"Pending"},
              {"email":"none@example.com","status":0}
            ]}
            """,
            _account.Token);
        ApiAssert.Status(HttpStatusCode.OK, import);
        Assert.Equal(5, import.Json.GetProperty("created").GetInt32());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string[]> Filters => new()
    {
        { "CustomerStates=ACTIVE&CustomerStates=CUSTOMER_REQUEST", ["active", "unsubscribed", "donotmail"] },
        { "CustomerStates=0,2", ["active", "unsubscribed", "donotmail"] },
        { "CustomerStates=0&CustomerStates=2", ["active", "unsubscribed", "donotmail"] },
        { "CustomerStates=-1", ["active", "unsubscribed", "donotmail", "pending", "none"] },
        { "CustomerStates=ALL", ["active", "unsubscribed", "donotmail", "pending", "none"] },
        { "CustomerStates=", ["active", "unsubscribed", "donotmail", "pending", "none"] },
        { "CustomerStates=active", ["active"] },
        { "CustomerStates=Active&IsIncludeNotSent=False", ["active"] },
        { "customerstates=customer_request&onlyActive=True", ["unsubscribed", "donotmail"] },
        { "CustomerStates=INACTIVE", ["pending", "none"] },
        { "CustomerStates=BOUNCED", [] },
        { "CustomerStates=QUARANTINED,SPAM_COMPLIENT", [] },
        { "CustomerStates=ACTIVE,-1", ["active", "unsubscribed", "donotmail", "pending", "none"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_contacts_list_filters_by_state(string query, string[] expected)
    {
        var response = await host.Api.GetAsync($"contacts?{query}&Limit=100", _account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(Emails(expected), Emails(response));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_members_list_filters_by_state(string query, string[] expected)
    {
        var response = await host.Api.GetAsync($"groups/{_groupId}/members?{query}&Limit=100", _account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(Emails(expected), Emails(response));
    }

    [Theory]
    [InlineData("CustomerStates=NOPE")]
    [InlineData("CustomerStates=99")]
    [InlineData("CustomerStates=ACTIVE,NOPE")]
    [InlineData("CustomerStates=-2")]
    public async Task An_unknown_state_is_400_naming_the_parameter(string query)
    {
        var contacts = await host.Api.GetAsync($"contacts?{query}", _account.Token);
        var members = await host.Api.GetAsync($"groups/{_groupId}/members?{query}", _account.Token);

        Assert.Contains("CustomerStates", ApiAssert.Error(HttpStatusCode.BadRequest, contacts), StringComparison.Ordinal);
        Assert.Contains("CustomerStates", ApiAssert.Error(HttpStatusCode.BadRequest, members), StringComparison.Ordinal);
    }

    private static SortedSet<string> Emails(string[] names) => new(names.Select(name => $"{name}@example.com"), StringComparer.Ordinal);

    private static SortedSet<string> Emails(ApiResponse response) =>
        new(response.Json.EnumerateArray().Select(contact => contact.GetProperty("email").GetString()!), StringComparer.Ordinal);
}
