using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// Every contacts and groups list takes <c>Page</c> (1–100000) and <c>Limit</c> (1–100): values
/// outside, or not numbers, are 400 naming the parameter; empty ones mean the default.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ContactPagingIsValidated(DevHostFixture host) : IAsyncLifetime
{
    private TestAccount _account = null!;
    private long _groupId;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("contact paging");
        _groupId = await host.Api.CreateGroupAsync(_account.Token, "Paged");
        await host.Api.AddMemberAsync(_account.Token, _groupId, """{"email":"paged@example.com"}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] Lists =>
    [
        "contacts",
        "groups",
        $"groups/{_groupId}/members",
        "contacts/Subscription/Unsubscribers",
        "contacts/Subscription/Subscribers",
    ];

    [Theory]
    [InlineData("Page=0", "Page")]
    [InlineData("Page=-1", "Page")]
    [InlineData("Page=999999999", "Page")]
    [InlineData("Page=99999999999", "Page")]
    [InlineData("Page=abc", "Page")]
    [InlineData("Page=1.5", "Page")]
    [InlineData("page=0", "Page")]
    [InlineData("Limit=0", "Limit")]
    [InlineData("Limit=101", "Limit")]
    [InlineData("Limit=-5", "Limit")]
    [InlineData("LIMIT=many", "Limit")]
    [InlineData("Continuation=garbage", "Continuation")]
    public async Task A_bad_paging_value_is_400_on_every_list(string query, string mentioned)
    {
        foreach (var list in Lists)
        {
            var response = await host.Api.GetAsync($"{list}?{query}", _account.Token);

            Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Page=&Limit=")]
    [InlineData("Page=1&Limit=100")]
    [InlineData("page=1&limit=1")]
    [InlineData("Limit=%20")]
    public async Task Empty_and_boundary_values_are_accepted(string query)
    {
        foreach (var list in Lists)
        {
            var response = await host.Api.GetAsync($"{list}?{query}", _account.Token);

            ApiAssert.Status(HttpStatusCode.OK, response);
            Assert.Equal(list.Contains("Unsubscribers", StringComparison.Ordinal) ? 0 : 1, response.Json.GetArrayLength());
        }
    }

    [Fact]
    public async Task The_deepest_page_allowed_is_empty_not_an_error()
    {
        foreach (var list in Lists)
        {
            var response = await host.Api.GetAsync($"{list}?Page=100000&Limit=100", _account.Token);

            ApiAssert.Status(HttpStatusCode.OK, response);
            Assert.Equal("[]", response.Body);
            Assert.Null(response.Header("X-Continuation"));
        }
    }

    [Theory]
    [InlineData("FromDate=soon")]
    [InlineData("ToDate=2020-13-45")]
    [InlineData("FromDate=2024-02-01&ToDate=2024-01-01")]
    public async Task A_bad_date_window_is_400(string query)
    {
        foreach (var list in new[] { "contacts", $"groups/{_groupId}/members", "contacts/Subscription/Unsubscribers", "contacts/Subscription/Subscribers" })
        {
            var response = await host.Api.GetAsync($"{list}?{query}", _account.Token);

            Assert.Contains("Date", ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
        }
    }
}
