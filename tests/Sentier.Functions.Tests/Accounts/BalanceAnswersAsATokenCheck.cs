using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Accounts;

/// <summary>
/// Clients call <c>GET account/balance</c> as their cheapest "is my token valid" request: it answers
/// ActiveTrail's shape to a live token and 401 to anything else.
/// </summary>
public sealed class BalanceAnswersAsATokenCheck(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("Basic ")]
    public async Task A_live_token_gets_both_balances(string prefix)
    {
        var account = await host.CreateAccountAsync("balance");

        var response = await host.Api.GetAsync("Account/Balance", prefix + account.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        foreach (var channel in new[] { "email", "sms" })
        {
            var balance = response.Json.GetProperty(channel);
            Assert.Equal(0, balance.GetProperty("credits").GetInt64());
            Assert.Equal(0, balance.GetProperty("percent").GetDouble());
            Assert.Equal("None", balance.GetProperty("alert_type").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_token_is_refused()
    {
        var response = await host.Api.GetAsync("account/balance", "0X" + new string('A', 96));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.True(response.Json.TryGetProperty("Message", out _));
    }
}
