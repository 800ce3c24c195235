using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Http;

/// <summary>Page is 1–100000, Limit 1–100, Continuation only a token the API issued; empty values mean the default.</summary>
public sealed class PagingParametersAreValidated(DevHostFixture host) : IClassFixture<DevHostFixture>, IAsyncLifetime
{
    private TestAccount _account = null!;

    public async Task InitializeAsync() => _account = await host.CreateAccountAsync("paging");

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BadQueries => new()
    {
        { "Limit=0", "Limit" },
        { "Limit=101", "Limit" },
        { "Limit=-1", "Limit" },
        { "Limit=ten", "Limit" },
        { "Limit=1.5", "Limit" },
        { "Limit=99999999999999999999", "Limit" },
        { "Page=0", "Page" },
        { "Page=-3", "Page" },
        { "Page=abc", "Page" },
        { "Page=100001", "Page" },
        { "Continuation=garbage", "Continuation" },
        { "Continuation=!!!", "Continuation" },
        { "Continuation=a", "Continuation" },
        { "continuation=djE6YS9i", "Continuation" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_paging_parameter_on_the_apps_list_is_400(string query, string mentioned)
    {
        var response = await host.Api.GetAsync($"apps?{query}", _account.Token);

        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_paging_parameter_on_the_accounts_list_is_400(string query, string mentioned)
    {
        var response = await host.Api.AdminAsync(HttpMethod.Get, $"operator/accounts?{query}");

        Assert.Contains(mentioned, ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Limit=")]
    [InlineData("Page=")]
    [InlineData("Continuation=")]
    [InlineData("Limit=&Page=&Continuation=")]
    [InlineData("limit=100&page=1")]
    [InlineData("LIMIT=1")]
    [InlineData("Limit=%20")]
    public async Task Empty_values_and_any_case_are_accepted(string query)
    {
        var response = await host.Api.GetAsync($"apps?{query}", _account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(_account.FirstAppId, Assert.Single(response.Json.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_empty_limit_means_the_default_of_twenty()
    {
        var account = await host.CreateAccountAsync("twenty one apps");
        for (var i = 0; i < 20; i++)
        {
            await host.Api.CreateAppAsync(account.Token, $$"""{"name":"app {{i}}"}""");
        }

        var response = await host.Api.GetAsync("apps?Limit=", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(20, response.Json.GetArrayLength());
        Assert.NotNull(response.Header("X-Continuation"));
    }
}
