using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Tokens;

public sealed class LastUseIsRecorded(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    private static readonly TimeSpan PollFor = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_call_with_a_new_token_sets_last_used_for_that_app_only()
    {
        var account = await host.CreateAccountAsync();
        var used = await host.Api.CreateAppAsync(account.Token, """{"name":"used"}""");
        var unused = await host.Api.CreateAppAsync(account.Token, """{"name":"unused"}""");
        var before = DateTime.UtcNow.AddSeconds(-2);

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", used.Token));

        JsonElement? usedApp = null;
        JsonElement? unusedApp = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < PollFor)
        {
            var list = await host.Api.GetAsync("apps", account.Token);
            ApiAssert.Status(HttpStatusCode.OK, list);
            usedApp = list.Json.EnumerateArray().Single(a => a.GetProperty("id").GetString() == used.Id);
            unusedApp = list.Json.EnumerateArray().Single(a => a.GetProperty("id").GetString() == unused.Id);
            if (usedApp.Value.GetProperty("last_used").ValueKind != JsonValueKind.Null)
            {
                break;
            }

            await Task.Delay(100);
        }

        var lastUsed = usedApp!.Value.GetProperty("last_used");
        Assert.True(lastUsed.ValueKind == JsonValueKind.String, $"last_used still unset after {PollFor}");
        Assert.Matches(ApiAssert.WireDate(), lastUsed.GetString());
        var when = DateTime.ParseExact(lastUsed.GetString()!, "yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(when, before, DateTime.UtcNow.AddSeconds(2));
        Assert.Equal(JsonValueKind.Null, unusedApp!.Value.GetProperty("last_used").ValueKind);
    }
}
