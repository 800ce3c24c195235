using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Accounts;

[ApiTag("Account", "The account and API app the calling token belongs to: a cheap way to check a token.")]
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
    [ApiOperation("Account", "Balance", Response = typeof(BalanceResponse),
        Description = "ActiveTrail's balance, which clients call as their cheapest token check. This service sends no email or SMS, so both balances are zero with no alert.",
        ResponseExample = """{"email": {"credits": 0, "percent": 0, "alert_type": "None"}, "sms": {"credits": 0, "percent": 0, "alert_type": "None"}}""")]
    public Task<IActionResult> GetBalance(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account/balance")] HttpRequest request) =>
        api.WithAnyToken(request, _ => Task.FromResult<IActionResult>(ApiResult.Ok(Balance)));

    /// <summary>The token check integrations run as "test connection" (Zapier, Make).</summary>
    [Function("Account_Get")]
    [ApiOperation("Account", "Who am I", Response = typeof(CallerResponse),
        Description = "The account and API app the token opens: the \"test connection\" call of integrations (Zapier, Make).",
        ResponseExample = """{"account": {"id": "3f9c2a7e5b8d41c6a0e7d2b9c4f1a856", "name": "Acme Ltd", "created": "2026-11-02T08:30:00"}, "app": {"id": "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394", "name": "Zapier", "description": "Leads from Zapier", "token_hint": "…f2a3", "allowed_ips": [], "scopes": ["contacts:read", "contacts:write"], "expires": null, "created": "2026-11-02T08:30:00", "last_used": "2026-12-03T15:04:05"}}""")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account")] HttpRequest request) =>
        api.WithAnyToken(request, call => Task.FromResult<IActionResult>(
            ApiResult.Ok(Rendered.GetValue(call.Caller, caller => ApiResult.Render(CallerResponse.From(caller))))));
}
