using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Accounts;
using Sentier.Functions.Http;
using Sentier.Functions.Tokens;

namespace Sentier.Functions.Accounts;

/// <summary>The operator's API, behind <c>X-Admin-Key</c>: tenants and recovery of their access.</summary>
public sealed class AdminAccountsFunctions(ApiEndpoint api, AccountService accounts)
{
    [Function("Admin_Accounts_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/accounts")] HttpRequest request) =>
        api.WithAdminKey(request, async call =>
        {
            var (account, app, token) = await accounts.CreateAsync(await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(CreatedAccountResponse.From(account, app, token));
        });

    [Function("Admin_Accounts_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/accounts")] HttpRequest request) =>
        api.WithAdminKey(request, async call =>
            ApiResult.List(await accounts.ListAsync(call.Page(), call.Aborted), AccountResponse.From));

    [Function("Admin_Accounts_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/accounts/{accountId}")] HttpRequest request,
        string accountId) =>
        api.WithAdminKey(request, async call =>
            ApiResult.Ok(AccountResponse.From(await accounts.GetAsync(accountId, call.Aborted))));

    /// <summary>Issues a new app for an account that revoked (or lost) all of its tokens.</summary>
    [Function("Admin_Accounts_CreateApp")]
    public Task<IActionResult> CreateApp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/accounts/{accountId}/apps")] HttpRequest request,
        string accountId) =>
        api.WithAdminKey(request, async call =>
        {
            var (app, token) = await accounts.IssueAppAsync(accountId, await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(IssuedApiAppResponse.From(app, token));
        });
}
