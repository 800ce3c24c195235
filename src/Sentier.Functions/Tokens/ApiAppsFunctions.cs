using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Tokens;

/// <summary>
/// The "API Apps" screen: an account's access tokens, one per external system. The whole surface
/// needs <c>apps:manage</c>; <see cref="ApiAppService"/> enforces the rest of the rules.
/// </summary>
[ApiTag("API apps", "An account's access tokens, one app per external system: each with its scopes, optional IP allow list and expiry, revoked on its own. A token is shown once, when its app is created; only a hash is kept.")]
public sealed class ApiAppsFunctions(ApiEndpoint api, ApiAppService apps)
{
    [Function("ApiApps_List")]
    [ApiOperation("API apps", "List API apps", Scope = Scope.AppsManage, Response = typeof(ApiAppResponse), Paged = true, ResponseExample = "[" + """{"id": "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394", "name": "Zapier", "description": "Leads from Zapier", "token_hint": "…f2a3", "allowed_ips": [], "scopes": ["contacts:read", "contacts:write"], "expires": null, "created": "2026-11-02T08:30:00", "last_used": "2026-12-03T15:04:05"}""" + "]",
        Description = "The account's API apps: one per external system, each with its own token. Tokens are never shown again; `token_hint` tells them apart.")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apps")] HttpRequest request) =>
        api.WithToken(request, Scope.AppsManage, async call =>
            ApiResult.List(await apps.ListAsync(call.Caller.App, call.Page(), call.Aborted), ApiAppResponse.From));

    [Function("ApiApps_Create")]
    [ApiOperation("API apps", "Create an API app", Scope = Scope.AppsManage, Request = typeof(ApiAppRequest), Response = typeof(IssuedApiAppResponse), SuccessStatus = 201,
        RequestExample = """{"name": "Zapier", "description": "Leads from Zapier", "allowed_ips": ["203.0.113.0/24"], "scopes": ["contacts:read", "contacts:write"]}""", ResponseExample = """{"id": "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394", "name": "Zapier", "description": null, "token_hint": "…f2a3", "allowed_ips": [], "scopes": ["contacts:read", "contacts:write"], "expires": null, "created": "2026-11-02T08:30:00", "last_used": null, "token": "st_3kQ9…full token shown once…"}""",
        Description = "Creates an app and its token. The answer is the only time the token is shown: store it. An app cannot hold a scope its creator lacks.",
        Errors = ["403: the body asks for a scope the calling app lacks."])]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "apps")] HttpRequest request) =>
        api.WithToken(request, Scope.AppsManage, async call =>
        {
            var (app, token) = await apps.CreateAsync(call.Caller.App, await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(IssuedApiAppResponse.From(app, token));
        });

    [Function("ApiApps_Get")]
    [ApiOperation("API apps", "Get an API app", Scope = Scope.AppsManage, Response = typeof(ApiAppResponse), ResponseExample = """{"id": "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394", "name": "Zapier", "description": "Leads from Zapier", "token_hint": "…f2a3", "allowed_ips": [], "scopes": ["contacts:read", "contacts:write"], "expires": null, "created": "2026-11-02T08:30:00", "last_used": "2026-12-03T15:04:05"}""",
        Description = "One app, without its token.")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "apps/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.AppsManage, async call =>
            ApiResult.Ok(ApiAppResponse.From(await apps.GetAsync(call.Caller.App, id, call.Aborted))));

    [Function("ApiApps_Update")]
    [ApiOperation("API apps", "Update an API app", Scope = Scope.AppsManage, Request = typeof(ApiAppRequest), Response = typeof(ApiAppResponse),
        RequestExample = """{"allowed_ips": ["203.0.113.7"]}""", ResponseExample = """{"id": "8b1e4d7a2c9f4e03b6a5d8c1e7f2a394", "name": "Zapier", "description": "Leads from Zapier", "token_hint": "…f2a3", "allowed_ips": [], "scopes": ["contacts:read", "contacts:write"], "expires": null, "created": "2026-11-02T08:30:00", "last_used": "2026-12-03T15:04:05"}""",
        Description = "Changes the fields the body names; the token stays the same.",
        Errors = ["403: the body grants a scope the calling app lacks."])]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "apps/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.AppsManage, async call =>
            ApiResult.Ok(ApiAppResponse.From(await apps.UpdateAsync(call.Caller.App, id, await call.ReadJsonAsync(), call.Aborted))));

    [Function("ApiApps_Revoke")]
    [ApiOperation("API apps", "Revoke an API app", Scope = Scope.AppsManage, SuccessStatus = 204,
        Description = "Deletes the app: its token stops working within 30 seconds (the token cache's lifetime).",
        Errors = ["409: the app is the account's last one holding `apps:manage` (give another app that scope first)."])]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "apps/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.AppsManage, async call =>
        {
            await apps.RevokeAsync(call.Caller.App, id, call.Aborted);
            return ApiResult.NoContent();
        });
}
