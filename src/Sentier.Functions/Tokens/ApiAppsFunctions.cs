using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Tokens;

/// <summary>
/// The "API Apps" screen: an account's access tokens, one per external system. The whole surface
/// needs <c>apps:manage</c>; <see cref="ApiAppService"/> enforces the rest of the rules.
/// </summary>
public sealed class ApiAppsFunctions(ApiEndpoint api, ApiAppService apps)
{
    [Function("ApiApps_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apps")] HttpRequest request) =>
        api.WithToken(request, Scope.AppsManage, async call =>
            ApiResult.List(await apps.ListAsync(call.Caller.App, call.Page(), call.Aborted), ApiAppResponse.From));

    [Function("ApiApps_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "apps")] HttpRequest request) =>
        api.WithToken(request, Scope.AppsManage, async call =>
        {
            var (app, token) = await apps.CreateAsync(call.Caller.App, await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(IssuedApiAppResponse.From(app, token));
        });

    [Function("ApiApps_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apps/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.AppsManage, async call =>
            ApiResult.Ok(ApiAppResponse.From(await apps.GetAsync(call.Caller.App, id, call.Aborted))));

    [Function("ApiApps_Update")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "apps/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.AppsManage, async call =>
            ApiResult.Ok(ApiAppResponse.From(await apps.UpdateAsync(call.Caller.App, id, await call.ReadJsonAsync(), call.Aborted))));

    [Function("ApiApps_Revoke")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "apps/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.AppsManage, async call =>
        {
            await apps.RevokeAsync(call.Caller.App, id, call.Aborted);
            return ApiResult.NoContent();
        });
}
