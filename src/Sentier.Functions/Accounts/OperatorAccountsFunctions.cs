using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Accounts;
using Sentier.Functions.Http;
using Sentier.Functions.Tokens;

namespace Sentier.Functions.Accounts;

/// <summary>
/// The operator API, behind <c>X-Admin-Key</c>: tenants and recovery of their access. Its routes
/// start with <c>operator/</c> because the Functions host refuses any route starting with
/// <c>admin</c> or <c>runtime</c> (its own endpoints).
/// </summary>
public sealed class OperatorAccountsFunctions(ApiEndpoint api, AccountService accounts)
{
    [Function("Operator_Accounts_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/accounts")] HttpRequest request) =>
        api.WithAdminKey(request, async call =>
        {
            var (account, app, token) = await accounts.CreateAsync(await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(CreatedAccountResponse.From(account, app, token));
        });

    [Function("Operator_Accounts_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/accounts")] HttpRequest request) =>
        api.WithAdminKey(request, async call =>
            ApiResult.List(await accounts.ListAsync(call.Page(), call.Aborted), AccountResponse.From));

    [Function("Operator_Accounts_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/accounts/{accountId}")] HttpRequest request,
        string accountId) =>
        api.WithAdminKey(request, async call =>
            ApiResult.Ok(AccountResponse.From(await accounts.GetAsync(accountId, call.Aborted))));

    /// <summary>Issues a new app for an account that revoked (or lost) all of its tokens.</summary>
    [Function("Operator_Accounts_CreateApp")]
    public Task<IActionResult> CreateApp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/accounts/{accountId}/apps")] HttpRequest request,
        string accountId) =>
        api.WithAdminKey(request, async call =>
        {
            var (app, token) = await accounts.IssueAppAsync(accountId, await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(IssuedApiAppResponse.From(app, token));
        });
}
