using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Facebook;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Facebook;

/// <summary>The lead forms an account syncs, their status, "sync now" and their leads.</summary>
public sealed class FacebookFormsFunctions(ApiEndpoint api, FacebookFormService forms, TimeProvider clock)
{
    [Function("Facebook_Forms_List")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/forms")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
        {
            var now = clock.GetUtcNow();
            return ApiResult.Ok((await forms.ListAsync(call.Caller.AccountId, call.Aborted)).Select(form => FacebookFormResponse.From(form, now)).ToList());
        });

    [Function("Facebook_Forms_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/forms/{formId}")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.Ok(FacebookFormResponse.From(await forms.GetAsync(call.Caller.AccountId, formId, call.Aborted), clock.GetUtcNow())));

    [Function("Facebook_Forms_Put")]
    public Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "facebook/forms/{formId}")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
        {
            var (form, created) = await forms.PutAsync(call.Caller.AccountId, formId, await call.ReadJsonAsync(), call.Aborted);
            var body = FacebookFormResponse.From(form, clock.GetUtcNow());
            return created ? ApiResult.Created(body) : ApiResult.Ok(body);
        });

    [Function("Facebook_Forms_Delete")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "facebook/forms/{formId}")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
        {
            await forms.DeleteAsync(call.Caller.AccountId, formId, call.Aborted);
            return ApiResult.NoContent();
        });

    /// <summary>202: the sync is queued; the form's status fields show its outcome.</summary>
    [Function("Facebook_Forms_Sync")]
    public Task<IActionResult> Sync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "facebook/forms/{formId}/sync")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
            ApiResult.Accepted(FacebookFormResponse.From(await forms.RequestSyncAsync(call.Caller.AccountId, formId, call.Aborted), clock.GetUtcNow())));

    /// <summary>The leads recorded for the form, newest first, with continuation paging.</summary>
    [Function("Facebook_Forms_Leads")]
    public Task<IActionResult> Leads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/forms/{formId}/leads")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.List(await forms.ListLeadsAsync(call.Caller.AccountId, formId, call.Page(), call.Aborted), FacebookLeadResponse.From));
}
