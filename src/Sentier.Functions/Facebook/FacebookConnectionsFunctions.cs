using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Facebook;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Facebook;

/// <summary>Connected Facebook Pages and their lead forms. Reads need <c>facebook:read</c>, changes <c>facebook:write</c>.</summary>
public sealed class FacebookConnectionsFunctions(ApiEndpoint api, FacebookConnectionService connections, FacebookOAuth oauth)
{
    [Function("Facebook_Connections_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/connections")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.Ok((await connections.ListAsync(call.Caller.AccountId, call.Aborted)).Select(FacebookConnectionResponse.From).ToList()));

    [Function("Facebook_Connections_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "facebook/connections")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
            ApiResult.Created(FacebookConnectionResponse.From(await connections.ConnectAsync(call.Caller.AccountId, await call.ReadJsonAsync(), call.Aborted))));

    [Function("Facebook_Connections_Delete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "facebook/connections/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
        {
            await connections.DeleteAsync(call.Caller.AccountId, id, call.Aborted);
            return ApiResult.NoContent();
        });

    [Function("Facebook_Connections_Forms")]
    public Task<IActionResult> Forms(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/connections/{id}/forms")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.Ok((await connections.ListPageFormsAsync(call.Caller.AccountId, id, call.Aborted)).Select(FacebookPageFormResponse.From).ToList()));

    /// <summary>The login dialog URL for <c>redirect_uri</c>, with a state bound to this account.</summary>
    [Function("Facebook_OAuthStart")]
    public Task<IActionResult> OAuthStart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/oauth/start")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookWrite, call =>
            Task.FromResult<IActionResult>(ApiResult.Ok(FacebookOAuthStartResponse.From(
                oauth.Start(call.Caller.AccountId, call.Query("redirect_uri"))))));

    private const string CallbackRoute = "facebook/oauth/callback";

    /// <summary>Exchanges the dialog's code and connects the user's Pages (all, or those in <c>page_ids</c>, comma-separated).</summary>
    [Function("Facebook_OAuthCallback")]
    public Task<IActionResult> OAuthCallback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CallbackRoute)] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
        {
            var pageIds = call.Query("page_ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var connected = await oauth.CallbackAsync(call.Caller.AccountId, call.Query("code"), call.Query("state"), pageIds, call.Aborted);
            return ApiResult.Ok(connected.Select(FacebookConnectionResponse.From).ToList());
        });
}
