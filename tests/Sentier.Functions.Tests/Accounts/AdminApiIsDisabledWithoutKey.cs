using System.Net;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Accounts;

/// <summary>With <c>Sentier__AdminKey</c> empty the admin API is off: 403, whatever key is sent.</summary>
public sealed class AdminApiIsDisabledWithoutKey
{
    [Fact]
    public async Task Admin_endpoints_answer_403_saying_the_admin_api_is_disabled()
    {
        await using var server = await DevHostServer.StartAsync(new Dictionary<string, string> { ["Sentier__AdminKey"] = "" });
        var api = new ApiClient(server.Client);

        var calls = new (HttpMethod Method, string Path, string? Json, string? Key)[]
        {
            (HttpMethod.Post, "operator/accounts", """{"name":"x"}""", DevHostServer.AdminKey),
            (HttpMethod.Post, "operator/accounts", """{"name":"x"}""", null),
            (HttpMethod.Post, "operator/accounts", """{"name":"x"}""", ""),
            (HttpMethod.Get, "operator/accounts", null, DevHostServer.AdminKey),
            (HttpMethod.Get, "operator/accounts/0123456789abcdef0123456789abcdef", null, "anything"),
            (HttpMethod.Post, "operator/accounts/0123456789abcdef0123456789abcdef/apps", """{"name":"x"}""", DevHostServer.AdminKey),
        };
        foreach (var (method, path, json, key) in calls)
        {
            var response = await api.AdminAsync(method, path, json, key);

            var message = ApiAssert.Error(HttpStatusCode.Forbidden, response);
            Assert.Contains("disabled", message, StringComparison.OrdinalIgnoreCase);
        }

        // The rest of the API still runs.
        ApiAssert.Status(HttpStatusCode.OK, await api.GetAsync("health"));
    }
}
