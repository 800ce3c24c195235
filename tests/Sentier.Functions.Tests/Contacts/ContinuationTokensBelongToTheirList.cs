using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// A continuation token resumes the list it came from. Passed to another list it is refused with a
/// 400 that says so, rather than silently starting that list over or returning nothing.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ContinuationTokensBelongToTheirList(DevHostFixture host)
{
    [Theory]
    [InlineData("groups/{group}/members")]
    [InlineData("groups")]
    [InlineData("contacts/Subscription/Unsubscribers")]
    public async Task A_contacts_token_is_refused_by_another_list(string otherList)
    {
        var account = await host.CreateAccountAsync("foreign continuation");
        var group = await host.Api.CreateGroupAsync(account.Token, "Members");
        await host.Api.ImportContactsAsync(account.Token, group, "token", 3);
        var continuation = (await host.Api.GetAsync("contacts?Limit=1", account.Token)).Header("X-Continuation");
        Assert.NotNull(continuation);

        var response = await host.Api.GetAsync(
            $"{otherList.Replace("{group}", group.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}?Continuation={Uri.EscapeDataString(continuation)}",
            account.Token);

        ApiAssert.Status(HttpStatusCode.BadRequest, response);
        Assert.Contains("Continuation", response.Json.GetProperty("Message").GetString());
    }
}
