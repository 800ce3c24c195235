using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Http;

/// <summary>Storage going away mid-flight is a 503 with a correlation id, not a 500 and not a hang.</summary>
public sealed class StorageOutagesAreNotInternalErrors
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Calls_that_need_storage_answer_503_json_while_it_is_unreachable()
    {
        await using var relayed = await RelayedStorageHost.StartAsync();
        var api = relayed.Api;
        var account = await relayed.Server.CreateAccountAsync("outage");

        // The token is cached, so authentication itself needs no storage during the outage.
        ApiAssert.Status(HttpStatusCode.OK, await api.GetAsync("account", account.Token));
        await relayed.CutStorageAsync();

        var calls = Task.WhenAll(
            api.GetAsync("apps", account.Token),
            api.PostAsync("apps", """{"name":"during outage"}""", account.Token),
            api.AdminAsync(HttpMethod.Get, "operator/accounts"));
        var responses = await calls.WaitAsync(Deadline);

        foreach (var response in responses)
        {
            var message = ApiAssert.Error(HttpStatusCode.ServiceUnavailable, response);
            Assert.Contains("Correlation id", message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(response.Header("X-Correlation-Id")), response.ToString());
            Assert.DoesNotContain("127.0.0.1", message, StringComparison.Ordinal);
        }

        // What needs no storage still answers.
        ApiAssert.Status(HttpStatusCode.OK, await api.GetAsync("account", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await api.GetAsync("health"));
    }
}
