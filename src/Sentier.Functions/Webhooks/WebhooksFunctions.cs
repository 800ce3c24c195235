using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Common;
using Sentier.Core.Tokens;
using Sentier.Core.Webhooks;
using Sentier.Functions.Http;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// ActiveTrail's webhook subscriptions ("API Events"). Reads need <c>webhooks:read</c>; changes,
/// the Test ping and the secret need <c>webhooks:write</c> (the secret is what lets anyone forge
/// this account's webhooks, so reading it is as sensitive as changing the subscription).
/// </summary>
public sealed class WebhooksFunctions(ApiEndpoint api, WebhookService webhooks)
{
    [Function("Webhooks_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks")] HttpRequest request) =>
        api.WithToken(request, Scope.WebhooksRead, async call =>
        {
            var filter = WebhookFilter.Parse(call.Query("EventType"), call.Query("StateType"), call.Query("TargetType"));
            var ignoreParameters = JsonBody.ParseBoolean("IsIgnoreParameters", call.Query("IsIgnoreParameters")) == true;
            var page = await webhooks.ListAsync(call.Caller.AccountId, filter, call.Page(), call.Aborted);
            return ApiResult.List(page, subscription => WebhookResponse.From(subscription, withParameters: !ignoreParameters));
        });

    [Function("Webhooks_Create")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks")] HttpRequest request) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
        {
            var (subscription, secret) = await webhooks.CreateAsync(call.Caller.AccountId, await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(CreatedWebhookResponse.From(subscription, secret));
        });

    [Function("Webhooks_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksRead, async call =>
            ApiResult.Ok(WebhookResponse.From(await webhooks.GetAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Webhooks_Update")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "webhooks/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(WebhookResponse.From(await webhooks.UpdateAsync(call.Caller.AccountId, id, await call.ReadJsonAsync(), call.Aborted))));

    [Function("Webhooks_Delete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
        {
            await webhooks.DeleteAsync(call.Caller.AccountId, id, call.Aborted);
            return ApiResult.NoContent();
        });

    [Function("Webhooks_Secret")]
    public Task<IActionResult> Secret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/secret")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(new WebhookSecretResponse(await webhooks.GetSecretAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Webhooks_RotateSecret")]
    public Task<IActionResult> RotateSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/secret/rotate")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(new WebhookSecretResponse(await webhooks.RotateSecretAsync(call.Caller.AccountId, id, call.Aborted))));

    /// <summary>Sends a signed ping now; always 200 with the receiver's answer or why there was none.</summary>
    [Function("Webhooks_Test")]
    public Task<IActionResult> Test(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/Test")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(WebhookTestResponse.From(await webhooks.TestAsync(call.Caller.AccountId, id, call.Caller.App.Id, call.Aborted))));
}
