using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Walking a list with <c>X-Continuation</c> (passed back as <c>?Continuation=</c>) returns every
/// contact exactly once, in the order <c>Page</c> gives them, on contacts, group members and the
/// subscription lists, filtered or not; a deep <c>Page</c> lands on the same items.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ContinuationWalksEveryContactOnce(DevHostFixture host) : IAsyncLifetime
{
    private const int Count = 130;

    private TestAccount _account = null!;
    private long _groupId;

    /// <summary>Every fifth contact is unsubscribed.</summary>
    private static bool IsUnsubscribed(int i) => i % 5 == 0;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("continuation walk");
        _groupId = await host.Api.CreateGroupAsync(_account.Token, "Walked");
        var contacts = Enumerable.Range(0, Count).Select(i => new { email = $"walk{i}@example.com", status = IsUnsubscribed(i) ? "Unsubscribed" : "Subscribed" });
        var import = await host.Api.PostAsync("contacts/Import", JsonSerializer.Serialize(new { group = _groupId, contacts }), _account.Token);
        ApiAssert.Status(HttpStatusCode.OK, import);
        Assert.Equal(Count, import.Json.GetProperty("created").GetInt32());

        // A contact outside the group, so member walks are not the same as contact walks.
        await host.Api.UpsertContactAsync(_account.Token, """{"email":"outsider@example.com"}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static HashSet<string> Emails(Func<int, bool> include) =>
        Enumerable.Range(0, Count).Where(include).Select(i => $"walk{i}@example.com").ToHashSet();

    private static void AssertEachOnce(HashSet<string> expected, List<JsonElement> items)
    {
        var emails = items.Select(item => item.GetProperty("email").GetString()!).ToList();
        Assert.Equal(emails.Count, emails.Distinct().Count());
        Assert.Equal(expected.OrderBy(e => e, StringComparer.Ordinal), emails.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Walking_the_contacts_returns_each_once()
    {
        var (items, requests) = await host.Api.WalkAsync("contacts?Limit=7", _account.Token);

        AssertEachOnce([.. Emails(_ => true), "outsider@example.com"], items);

        // The header comes only while more contacts follow: 131 in pages of 7 is 19 requests.
        Assert.Equal(19, requests);
    }

    [Fact]
    public async Task Walking_the_members_returns_each_once()
    {
        var (items, requests) = await host.Api.WalkAsync($"groups/{_groupId}/members?Limit=10", _account.Token);

        AssertEachOnce(Emails(_ => true), items);
        Assert.Equal(13, requests);
    }

    [Fact]
    public async Task Walking_a_filtered_list_returns_each_match_once()
    {
        var (active, _) = await host.Api.WalkAsync("contacts?CustomerStates=ACTIVE&Limit=11", _account.Token);
        var (optedOut, _) = await host.Api.WalkAsync($"groups/{_groupId}/members?CustomerStates=CUSTOMER_REQUEST&Limit=4", _account.Token);

        AssertEachOnce([.. Emails(i => !IsUnsubscribed(i)), "outsider@example.com"], active);
        AssertEachOnce(Emails(IsUnsubscribed), optedOut);
    }

    [Fact]
    public async Task Walking_the_subscription_lists_returns_each_once()
    {
        var (unsubscribers, _) = await host.Api.WalkAsync("contacts/Subscription/Unsubscribers?Limit=6", _account.Token);
        var (subscribers, _) = await host.Api.WalkAsync("contacts/Subscription/Subscribers?Limit=13", _account.Token);

        AssertEachOnce(Emails(IsUnsubscribed), unsubscribers);
        AssertEachOnce([.. Emails(i => !IsUnsubscribed(i)), "outsider@example.com"], subscribers);
    }

    [Fact]
    public async Task Deep_pages_hold_the_same_items_as_the_walk()
    {
        var (walked, _) = await host.Api.WalkAsync("contacts?Limit=100", _account.Token);
        var walkedIds = walked.Select(item => item.GetProperty("id").GetInt64()).ToList();

        var paged = new List<long>();
        for (var page = 1; page <= 7; page++)
        {
            var response = await host.Api.GetAsync($"contacts?Page={page}&Limit=20", _account.Token);
            ApiAssert.Status(HttpStatusCode.OK, response);
            Assert.Equal(page < 7 ? 20 : 11, response.Json.GetArrayLength());
            paged.AddRange(response.ItemIds());
        }

        Assert.Equal(walkedIds, paged);
        Assert.Equal("[]", (await host.Api.GetAsync("contacts?Page=8&Limit=20", _account.Token)).Body);
        var deepMembers = await host.Api.GetAsync($"groups/{_groupId}/members?Page=13&Limit=10", _account.Token);
        Assert.Equal(10, deepMembers.Json.GetArrayLength());
        Assert.Equal("[]", (await host.Api.GetAsync($"groups/{_groupId}/members?Page=14&Limit=10", _account.Token)).Body);
    }

    [Fact]
    public async Task Deep_pages_of_the_unsubscribers_hold_the_same_items_as_the_walk()
    {
        var (walked, _) = await host.Api.WalkAsync("contacts/Subscription/Unsubscribers?Limit=100", _account.Token);

        var paged = new List<long>();
        for (var page = 1; page <= 3; page++)
        {
            var response = await host.Api.GetAsync($"contacts/Subscription/Unsubscribers?Page={page}&Limit=10", _account.Token);
            ApiAssert.Status(HttpStatusCode.OK, response);
            paged.AddRange(response.ItemIds());
        }

        Assert.Equal(Count / 5, walked.Count);
        Assert.Equal(walked.Select(item => item.GetProperty("id").GetInt64()), paged);
        Assert.Equal("[]", (await host.Api.GetAsync("contacts/Subscription/Unsubscribers?Page=4&Limit=10", _account.Token)).Body);
    }

    [Fact]
    public async Task The_last_page_has_no_continuation_and_a_lower_case_name_is_read()
    {
        var first = await host.Api.GetAsync("contacts?Limit=100", _account.Token);
        var continuation = first.Header("X-Continuation");
        Assert.NotNull(continuation);

        var rest = await host.Api.GetAsync($"contacts?limit=100&continuation={Uri.EscapeDataString(continuation)}", _account.Token);

        ApiAssert.Status(HttpStatusCode.OK, rest);
        Assert.Equal(Count + 1 - 100, rest.Json.GetArrayLength());
        Assert.Null(rest.Header("X-Continuation"));
        Assert.Empty(first.ItemIds().Intersect(rest.ItemIds()));
    }
}
