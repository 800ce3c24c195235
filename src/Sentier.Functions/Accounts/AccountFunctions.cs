using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Accounts;

public sealed class AccountFunctions(ApiEndpoint api)
{
    /// <summary>
    /// The caller comes from the token cache as an immutable snapshot, so its response is rendered
    /// once per snapshot: integrations poll this endpoint, and it should cost no more than the check.
    /// </summary>
    private static readonly ConditionalWeakTable<Caller, RenderedJson> Rendered = new();

    /// <summary>
    /// ActiveTrail's balance, which clients call as their cheapest token check. This service sends
    /// no email or SMS itself, so it meters nothing: both balances are zero with no alert.
    /// </summary>
    private static readonly RenderedJson Balance = ApiResult.Render(new BalanceResponse(BalanceResponse.Unmetered, BalanceResponse.Unmetered));

    [Function("Account_Balance")]
    public Task<IActionResult> GetBalance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account/balance")] HttpRequest request) =>
        api.WithAnyToken(request, _ => Task.FromResult<IActionResult>(ApiResult.Ok(Balance)));

    /// <summary>The token check integrations run as "test connection" (Zapier, Make).</summary>
    [Function("Account_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account")] HttpRequest request) =>
        api.WithAnyToken(request, call => Task.FromResult<IActionResult>(
            ApiResult.Ok(Rendered.GetValue(call.Caller, caller => ApiResult.Render(CallerResponse.From(caller))))));
}
