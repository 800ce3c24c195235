using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Accounts;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;
using Sentier.Functions.Tokens;

namespace Sentier.Functions.Accounts;

/// <summary>
/// The operator API, behind <c>X-Admin-Key</c>: tenants and recovery of their access. Its routes
/// start with <c>operator/</c> because the Functions host refuses any route starting with
/// <c>admin</c> or <c>runtime</c> (its own endpoints).
/// </summary>
[ApiTag("Operator", "For the service's operator, behind `X-Admin-Key`: create accounts and issue their first API apps.")]
public sealed class OperatorAccountsFunctions(ApiEndpoint api, AccountService accounts)
{
    [Function("Operator_Accounts_Create")]
    [ApiOperation("Operator", "Create an account", Access = ApiAccess.Admin, Request = typeof(AccountRequest), Response = typeof(CreatedAccountResponse), SuccessStatus = 201,
        RequestExample = """{"name": "Acme Ltd"}""",
        ResponseExample = """{"id": "3f9c2a7e5b8d41c6a0e7d2b9c4f1a856", "name": "Acme Ltd", "created": "2026-11-02T08:30:00", "app": {"id": "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394", "name": "Zapier", "description": null, "token_hint": "…f2a3", "allowed_ips": [], "scopes": ["contacts:read", "contacts:write"], "expires": null, "created": "2026-11-02T08:30:00", "last_used": null, "token": "st_3kQ9…full token shown once…"}, "token": "st_3kQ9…full token shown once…"}""",
        Description = "A new tenant with its first API app holding every scope; the token is shown only here.")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/accounts")] HttpRequest request) =>
        api.WithAdminKey(request, async call =>
        {
            var (account, app, token) = await accounts.CreateAsync(await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(CreatedAccountResponse.From(account, app, token));
        });

    [Function("Operator_Accounts_List")]
    [ApiOperation("Operator", "List accounts", Access = ApiAccess.Admin, Response = typeof(AccountResponse), Paged = true, ResponseExample = "[" + """{"id": "3f9c2a7e5b8d41c6a0e7d2b9c4f1a856", "name": "Acme Ltd", "created": "2026-11-02T08:30:00"}""" + "]",
        Description = "Every account.")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/accounts")] HttpRequest request) =>
        api.WithAdminKey(request, async call =>
            ApiResult.List(await accounts.ListAsync(call.Page(), call.Aborted), AccountResponse.From));

    [Function("Operator_Accounts_Get")]
    [ApiOperation("Operator", "Get an account", Access = ApiAccess.Admin, Response = typeof(AccountResponse), ResponseExample = """{"id": "3f9c2a7e5b8d41c6a0e7d2b9c4f1a856", "name": "Acme Ltd", "created": "2026-11-02T08:30:00"}""",
        Description = "One account.")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/accounts/{accountId}")] HttpRequest request,
        string accountId) =>
        api.WithAdminKey(request, async call =>
            ApiResult.Ok(AccountResponse.From(await accounts.GetAsync(accountId, call.Aborted))));

    /// <summary>Issues a new app for an account that revoked (or lost) all of its tokens.</summary>
    [Function("Operator_Accounts_CreateApp")]
    [ApiOperation("Operator", "Issue an API app", Access = ApiAccess.Admin, Request = typeof(ApiAppRequest), Response = typeof(IssuedApiAppResponse), SuccessStatus = 201,
        RequestExample = """{"name": "Recovery"}""", ResponseExample = """{"id": "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394", "name": "Zapier", "description": null, "token_hint": "…f2a3", "allowed_ips": [], "scopes": ["contacts:read", "contacts:write"], "expires": null, "created": "2026-11-02T08:30:00", "last_used": null, "token": "st_3kQ9…full token shown once…"}""",
        Description = "A new app (every scope unless the body names some) for an account that revoked or lost all of its tokens.")]
    public Task<IActionResult> CreateApp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/accounts/{accountId}/apps")] HttpRequest request,
        string accountId) =>
        api.WithAdminKey(request, async call =>
        {
            var (app, token) = await accounts.IssueAppAsync(accountId, await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(IssuedApiAppResponse.From(app, token));
        });
}
