using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>An account may have any number of apps; the list pages by number and by continuation.</summary>
public sealed class AppsAreUnlimitedAndPaged(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    private const int Created = 25;

    [Fact]
    public async Task Twenty_six_apps_are_each_seen_once_by_continuation_and_by_page_number()
    {
        var account = await host.CreateAccountAsync();
        var expected = new HashSet<string> { account.FirstAppId };
        for (var i = 0; i < Created; i++)
        {
            expected.Add((await host.Api.CreateAppAsync(account.Token, $$"""{"name":"app {{i}}"}""")).Id);
        }

        Assert.Equal(Created + 1, expected.Count);

        // By continuation: the X-Continuation header goes back as ?Continuation=.
        var byContinuation = new List<string>();
        var pageSizes = new List<int>();
        string? continuation = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var path = continuation is null ? "apps?Limit=10" : $"apps?Limit=10&Continuation={Uri.EscapeDataString(continuation)}";
            var response = await host.Api.GetAsync(path, account.Token);
            ApiAssert.Status(HttpStatusCode.OK, response);
            ApiAssert.HasNoToken(response, account.Token);
            pageSizes.Add(response.Json.GetArrayLength());
            byContinuation.AddRange(Ids(response.Json));
            continuation = response.Header("X-Continuation");
            if (continuation is null)
            {
                break;
            }
        }

        Assert.Equal([10, 10, 6], pageSizes);
        Assert.Equal(byContinuation.Count, byContinuation.Distinct().Count());
        Assert.Equal(expected, byContinuation.ToHashSet());

        // By page number, 1 to 3; page 4 is empty.
        var byPage = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var response = await host.Api.GetAsync($"apps?Limit=10&Page={page}", account.Token);
            ApiAssert.Status(HttpStatusCode.OK, response);
            byPage.AddRange(Ids(response.Json));
            Assert.Equal(page < 3, response.Header("X-Continuation") is not null);
        }

        Assert.Equal(byContinuation, byPage);
        var beyond = await host.Api.GetAsync("apps?Limit=10&Page=4", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, beyond);
        Assert.Equal("[]", beyond.Body);
        Assert.Null(beyond.Header("X-Continuation"));

        // Without parameters: the default page of 20.
        var first = await host.Api.GetAsync("apps", account.Token);
        Assert.Equal(20, first.Json.GetArrayLength());
        Assert.NotNull(first.Header("X-Continuation"));
        var emptyLimit = await host.Api.GetAsync("apps?Limit=&Page=", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, emptyLimit);
        Assert.Equal(20, emptyLimit.Json.GetArrayLength());

        // With the maximum limit the whole collection is one page.
        var all = await host.Api.GetAsync("apps?Limit=100", account.Token);
        Assert.Equal(Created + 1, all.Json.GetArrayLength());
        Assert.Null(all.Header("X-Continuation"));
    }

    private static IEnumerable<string> Ids(JsonElement page) =>
        page.EnumerateArray().Select(a => a.GetProperty("id").GetString()!);
}
