using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Http;

/// <summary>
/// Ids that could never be table keys (#, ?, \, control characters, 2,000 characters) reach the
/// functions and come back as a clean 404, never a storage error.
/// </summary>
public sealed class MalformedIdsAreNotFound(DevHostFixture host) : IClassFixture<DevHostFixture>, IAsyncLifetime
{
    private TestAccount _account = null!;

    public async Task InitializeAsync() => _account = await host.CreateAccountAsync("malformed ids");

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Ids => new()
    {
        "%23",
        "%3F",
        "%5C",
        "%01",
        "%7F",
        "%27",
        "%22",
        "%25",
        "%20",
        "%E2%80%8B",
        new string('a', 2000),
        new string('0', 32) + "%23",
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef0123456789abcdeg",
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task App_ids_that_cannot_exist_are_404(string id)
    {
        var read = await host.Api.GetAsync($"apps/{id}", _account.Token);
        var update = await host.Api.PutAsync($"apps/{id}", """{"name":"x"}""", _account.Token);
        var revoke = await host.Api.DeleteAsync($"apps/{id}", _account.Token);

        // "was not found" comes from the function, not from the router's own 404.
        Assert.Contains("was not found", ApiAssert.Error(HttpStatusCode.NotFound, read), StringComparison.Ordinal);
        Assert.Contains("was not found", ApiAssert.Error(HttpStatusCode.NotFound, update), StringComparison.Ordinal);
        Assert.Contains("was not found", ApiAssert.Error(HttpStatusCode.NotFound, revoke), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Account_ids_that_cannot_exist_are_404(string id)
    {
        var read = await host.Api.AdminAsync(HttpMethod.Get, $"operator/accounts/{id}");
        var issue = await host.Api.AdminAsync(HttpMethod.Post, $"operator/accounts/{id}/apps", """{"name":"x"}""");

        Assert.Contains("was not found", ApiAssert.Error(HttpStatusCode.NotFound, read), StringComparison.Ordinal);
        Assert.Contains("was not found", ApiAssert.Error(HttpStatusCode.NotFound, issue), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_id_is_not_echoed_in_full()
    {
        var id = new string('a', 2000);

        var message = ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"apps/{id}", _account.Token));

        Assert.True(message.Length < 200, message);
    }
}
