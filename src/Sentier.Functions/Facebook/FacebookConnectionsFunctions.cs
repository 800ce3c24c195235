using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Facebook;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Facebook;

/// <summary>Connected Facebook Pages and their lead forms. Reads need <c>facebook:read</c>, changes <c>facebook:write</c>.</summary>
[ApiTag("Facebook", "Facebook Lead Ads: connect a Page, choose lead forms and the groups their leads join; new leads are polled and synced into contacts.")]
public sealed class FacebookConnectionsFunctions(ApiEndpoint api, FacebookConnectionService connections, FacebookOAuth oauth)
{
    [Function("Facebook_Connections_List")]
    [ApiOperation("Facebook", "List connected Pages", Scope = Scope.FacebookRead, Response = typeof(FacebookConnectionResponse), List = true, ResponseExample = "[" + """{"id": "104857600000001", "page_id": "104857600000001", "page_name": "Acme Ltd", "status": "active", "status_reason": null, "created_utc": "2026-11-02T08:30:00", "updated_utc": "2026-11-02T08:30:00", "throttled_until_utc": null}""" + "]",
        Description = "The Facebook Pages whose lead forms this account syncs. Page tokens are never shown.")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/connections")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.Ok((await connections.ListAsync(call.Caller.AccountId, call.Aborted)).Select(FacebookConnectionResponse.From).ToList()));

    [Function("Facebook_Connections_Create")]
    [ApiOperation("Facebook", "Connect a Page", Scope = Scope.FacebookWrite, Request = typeof(FacebookConnectionRequest), Response = typeof(FacebookConnectionResponse), SuccessStatus = 201,
        RequestExample = """{"access_token": "EAAB…"}""", ResponseExample = """{"id": "104857600000001", "page_id": "104857600000001", "page_name": "Acme Ltd", "status": "active", "status_reason": null, "created_utc": "2026-11-02T08:30:00", "updated_utc": "2026-11-02T08:30:00", "throttled_until_utc": null}""",
        Description = "Connects the Page the token belongs to (or replaces its token). The token is checked with Graph and kept encrypted.",
        Errors = ["400: no token, or Graph refused it.", "502: Graph could not be reached."])]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "facebook/connections")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
            ApiResult.Created(FacebookConnectionResponse.From(await connections.ConnectAsync(call.Caller.AccountId, await call.ReadJsonAsync(), call.Aborted))));

    [Function("Facebook_Connections_Delete")]
    [ApiOperation("Facebook", "Disconnect a Page", Scope = Scope.FacebookWrite, SuccessStatus = 204,
        Description = "Forgets the Page and its token; its forms stop syncing.")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "facebook/connections/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
        {
            await connections.DeleteAsync(call.Caller.AccountId, id, call.Aborted);
            return ApiResult.NoContent();
        });

    [Function("Facebook_Connections_Forms")]
    [ApiOperation("Facebook", "A Page's lead forms", Scope = Scope.FacebookRead, Response = typeof(FacebookPageFormResponse), List = true,
        ResponseExample = """[{"id": "880000000000001", "name": "Spring offer", "status": "ACTIVE", "leads_count": 42, "questions": [{"key": "email", "label": "Email", "type": "EMAIL"}]}]""",
        Description = "The lead forms Graph lists for the Page, with the question keys a mapping uses.",
        Errors = ["502: Graph could not be reached or refused the Page token."])]
    public Task<IActionResult> Forms(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/connections/{id}/forms")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.Ok((await connections.ListPageFormsAsync(call.Caller.AccountId, id, call.Aborted)).Select(FacebookPageFormResponse.From).ToList()));

    /// <summary>The login dialog URL for <c>redirect_uri</c>, with a state bound to this account.</summary>
    [Function("Facebook_OAuthStart")]
    [ApiOperation("Facebook", "Start Facebook login", Scope = Scope.FacebookWrite, Response = typeof(FacebookOAuthStartResponse),
        ResponseExample = """{"url": "https://www.facebook.com/v21.0/dialog/oauth?client_id=…", "state": "st.…", "expires_utc": "2026-12-03T15:14:05"}""",
        Description = "The login dialog URL for `redirect_uri`, with a `state` bound to this account (valid 10 minutes).",
        Errors = ["400: `redirect_uri` is missing or not allowed.", "409: the Facebook app is not configured."])]
    [ApiQuery("redirect_uri", "Where the dialog returns; must be allowed in the Facebook app.")]
    public Task<IActionResult> OAuthStart(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/oauth/start")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookWrite, call =>
            Task.FromResult<IActionResult>(ApiResult.Ok(FacebookOAuthStartResponse.From(
                oauth.Start(call.Caller.AccountId, call.Query("redirect_uri"))))));

    private const string CallbackRoute = "facebook/oauth/callback";

    /// <summary>Exchanges the dialog's code and connects the user's Pages (all, or those in <c>page_ids</c>, comma-separated).</summary>
    [Function("Facebook_OAuthCallback")]
    [ApiOperation("Facebook", "Finish Facebook login", Scope = Scope.FacebookWrite, Response = typeof(FacebookConnectionResponse), List = true, ResponseExample = "[" + """{"id": "104857600000001", "page_id": "104857600000001", "page_name": "Acme Ltd", "status": "active", "status_reason": null, "created_utc": "2026-11-02T08:30:00", "updated_utc": "2026-11-02T08:30:00", "throttled_until_utc": null}""" + "]",
        Description = "Exchanges the dialog's `code` and connects the user's Pages (all, or those in `page_ids`).",
        Errors = ["400: `code` or `state` is missing, or the state is expired or belongs to another account.", "409: the Facebook app is not configured.", "502: Graph refused the code or could not be reached."])]
    [ApiQuery("code", "The dialog's code.")]
    [ApiQuery("state", "The state from the start call.")]
    [ApiQuery("page_ids", "Comma-separated Page ids to connect; all when absent.")]
    public Task<IActionResult> OAuthCallback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CallbackRoute)] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
        {
            var pageIds = call.Query("page_ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var connected = await oauth.CallbackAsync(call.Caller.AccountId, call.Query("code"), call.Query("state"), pageIds, call.Aborted);
            return ApiResult.Ok(connected.Select(FacebookConnectionResponse.From).ToList());
        });
}
