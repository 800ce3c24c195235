using System.Globalization;
using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// <c>contacts/Subscription/Unsubscribers</c> lists who stopped receiving email (status or
/// do-not-mail, through any write) and <c>/Subscribers</c> who may receive it; both follow later
/// changes and deletes, and honour <c>FromDate</c>/<c>ToDate</c>.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class SubscriptionListsFollowStatus(DevHostFixture host)
{
    private static SortedSet<string> Emails(ApiResponse response) =>
        new(response.Json.EnumerateArray().Select(contact => contact.GetProperty("email").GetString()!), StringComparer.Ordinal);

    [Fact]
    public async Task Every_way_of_unsubscribing_lands_in_the_unsubscribers()
    {
        var account = await host.CreateAccountAsync("unsubscribers");
        var groupId = await host.Api.CreateGroupAsync(account.Token, "G");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"stays@example.com"}""");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"post@example.com","status":"Unsubscribed"}""");
        var putId = (await host.Api.UpsertContactAsync(account.Token, """{"email":"put@example.com"}""")).GetProperty("id").GetInt64();
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync($"contacts/{putId}", """{"status":"2"}""", account.Token));
        await host.Api.AddMemberAsync(account.Token, groupId, """{"email":"member@example.com","status":2}""");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"dnm@example.com","is_do_not_mail":true}""");
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PostAsync("contacts/Import", $$"""{"group":{{groupId}},"contacts":[{"email":"import@example.com","status":"Unsubscribed"}]}""", account.Token));

        var unsubscribers = await host.Api.GetAsync("contacts/Subscription/Unsubscribers", account.Token);
        var subscribers = await host.Api.GetAsync("contacts/Subscription/Subscribers", account.Token);

        Assert.Equal(
            new SortedSet<string>(["post@example.com", "put@example.com", "member@example.com", "dnm@example.com", "import@example.com"], StringComparer.Ordinal),
            Emails(unsubscribers));
        Assert.All(unsubscribers.Json.EnumerateArray(), contact => Assert.Matches(ApiAssert.WireDate(), contact.GetProperty("unsubscribe_date").GetString()));
        Assert.Equal(new SortedSet<string>(["stays@example.com"], StringComparer.Ordinal), Emails(subscribers));
    }

    [Fact]
    public async Task Resubscribing_and_deleting_leave_the_unsubscribers()
    {
        var account = await host.CreateAccountAsync("resubscribe");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"back@example.com","status":"Unsubscribed"}""");
        var goneId = (await host.Api.UpsertContactAsync(account.Token, """{"email":"gone@example.com","status":"Unsubscribed"}""")).GetProperty("id").GetInt64();

        await host.Api.UpsertContactAsync(account.Token, """{"email":"back@example.com","status":"Subscribed"}""");
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"contacts/{goneId}", account.Token));

        Assert.Equal("[]", (await host.Api.GetAsync("contacts/Subscription/Unsubscribers", account.Token)).Body);
        Assert.Equal(
            new SortedSet<string>(["back@example.com"], StringComparer.Ordinal),
            Emails(await host.Api.GetAsync("contacts/Subscription/Subscribers", account.Token)));
    }

    [Fact]
    public async Task The_date_window_limits_both_lists()
    {
        // Taken before the writes, so the contacts are never older than "today", even at midnight.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var past = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var account = await host.CreateAccountAsync("subscription window");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"in@example.com"}""");
        await host.Api.UpsertContactAsync(account.Token, """{"email":"out@example.com","status":"Unsubscribed"}""");

        foreach (var list in new[] { "contacts/Subscription/Unsubscribers", "contacts/Subscription/Subscribers" })
        {
            Assert.Single((await host.Api.GetAsync($"{list}?FromDate={past}", account.Token)).Json.EnumerateArray());
            Assert.Single((await host.Api.GetAsync($"{list}?FromDate={past}&ToDate={future}", account.Token)).Json.EnumerateArray());
            Assert.Equal("[]", (await host.Api.GetAsync($"{list}?FromDate={future}", account.Token)).Body);
            Assert.Equal("[]", (await host.Api.GetAsync($"{list}?ToDate={past}", account.Token)).Body);
            Assert.Single((await host.Api.GetAsync($"{list}?FromDate=1601-01-01&ToDate=9999-12-31", account.Token)).Json.EnumerateArray());
            Assert.Single((await host.Api.GetAsync($"{list}?fromdate={today}&todate=", account.Token)).Json.EnumerateArray());
        }
    }
}
