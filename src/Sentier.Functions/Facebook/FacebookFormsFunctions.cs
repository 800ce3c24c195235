using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Facebook;
using Sentier.Core.Tokens;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Facebook;

/// <summary>The lead forms an account syncs, their status, "sync now" and their leads.</summary>
public sealed class FacebookFormsFunctions(ApiEndpoint api, FacebookFormService forms, TimeProvider clock)
{
    [Function("Facebook_Forms_List")]
    [ApiOperation("Facebook", "List synced forms", Scope = Scope.FacebookRead, Response = typeof(FacebookFormResponse), List = true, ResponseExample = "[" + """{"id": "880000000000001", "connection_id": "104857600000001", "group_id": 17, "is_active": true, "field_mapping": {}, "effective_mapping": {"email": "email", "phone_number": "sms", "first_name": "first_name"}, "since": "2026-11-01T00:00:00", "last_synced_utc": "2026-12-03T15:00:00", "last_lead_created_time": "2026-12-03T14:58:10", "leads_imported": 42, "leads_skipped": 1, "last_error": null, "next_sync_utc": "2026-12-03T15:05:00", "is_syncing": false, "created_utc": "2026-11-02T08:30:00", "updated_utc": "2026-12-03T15:00:00"}""" + "]",
        Description = "The lead forms this account syncs, with their mapping and sync status.")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/forms")] HttpRequest request) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
        {
            var now = clock.GetUtcNow();
            return ApiResult.Ok((await forms.ListAsync(call.Caller.AccountId, call.Aborted)).Select(form => FacebookFormResponse.From(form, now)).ToList());
        });

    [Function("Facebook_Forms_Get")]
    [ApiOperation("Facebook", "Get a synced form", Scope = Scope.FacebookRead, Response = typeof(FacebookFormResponse), ResponseExample = """{"id": "880000000000001", "connection_id": "104857600000001", "group_id": 17, "is_active": true, "field_mapping": {}, "effective_mapping": {"email": "email", "phone_number": "sms", "first_name": "first_name"}, "since": "2026-11-01T00:00:00", "last_synced_utc": "2026-12-03T15:00:00", "last_lead_created_time": "2026-12-03T14:58:10", "leads_imported": 42, "leads_skipped": 1, "last_error": null, "next_sync_utc": "2026-12-03T15:05:00", "is_syncing": false, "created_utc": "2026-11-02T08:30:00", "updated_utc": "2026-12-03T15:00:00"}""",
        Description = "One form's configuration and sync status.")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/forms/{formId}")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.Ok(FacebookFormResponse.From(await forms.GetAsync(call.Caller.AccountId, formId, call.Aborted), clock.GetUtcNow())));

    [Function("Facebook_Forms_Put")]
    [ApiOperation("Facebook", "Sync a form", Scope = Scope.FacebookWrite, Request = typeof(FacebookFormRequest), Response = typeof(FacebookFormResponse), SuccessStatus = 200, AlsoSucceedsWith = [201],
        RequestExample = """{"group_id": 17, "is_active": true, "since": "2026-11-01", "field_mapping": {"company_name": "ext1"}}""", ResponseExample = """{"id": "880000000000001", "connection_id": "104857600000001", "group_id": 17, "is_active": true, "field_mapping": {}, "effective_mapping": {"email": "email", "phone_number": "sms", "first_name": "first_name"}, "since": "2026-11-01T00:00:00", "last_synced_utc": "2026-12-03T15:00:00", "last_lead_created_time": "2026-12-03T14:58:10", "leads_imported": 42, "leads_skipped": 1, "last_error": null, "next_sync_utc": "2026-12-03T15:05:00", "is_syncing": false, "created_utc": "2026-11-02T08:30:00", "updated_utc": "2026-12-03T15:00:00"}""",
        Description = "Starts syncing the form's leads into a group (201), or changes how it syncs (200). Leads become contacts through the mapping; new leads arrive within the poll interval, or at once through Meta's webhook.",
        Errors = ["404: the group does not exist, or no connected Page has the form.", "502: Graph could not be reached."])]
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
    [ApiOperation("Facebook", "Stop syncing a form", Scope = Scope.FacebookWrite, SuccessStatus = 204,
        Description = "Stops the sync and forgets its state; imported contacts stay.")]
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
    [ApiOperation("Facebook", "Sync now", Scope = Scope.FacebookWrite, Response = typeof(FacebookFormResponse), SuccessStatus = 202, ResponseExample = """{"id": "880000000000001", "connection_id": "104857600000001", "group_id": 17, "is_active": true, "field_mapping": {}, "effective_mapping": {"email": "email", "phone_number": "sms", "first_name": "first_name"}, "since": "2026-11-01T00:00:00", "last_synced_utc": "2026-12-03T15:00:00", "last_lead_created_time": "2026-12-03T14:58:10", "leads_imported": 42, "leads_skipped": 1, "last_error": null, "next_sync_utc": "2026-12-03T15:05:00", "is_syncing": false, "created_utc": "2026-11-02T08:30:00", "updated_utc": "2026-12-03T15:00:00"}""",
        Description = "Queues a sync of the form now; the form's status fields show its outcome.")]
    public Task<IActionResult> Sync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "facebook/forms/{formId}/sync")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookWrite, async call =>
            ApiResult.Accepted(FacebookFormResponse.From(await forms.RequestSyncAsync(call.Caller.AccountId, formId, call.Aborted), clock.GetUtcNow())));

    /// <summary>The leads recorded for the form, newest first, with continuation paging.</summary>
    [Function("Facebook_Forms_Leads")]
    [ApiOperation("Facebook", "A form's leads", Scope = Scope.FacebookRead, Response = typeof(FacebookLeadResponse), Paged = true,
        ResponseExample = """[{"lead_id": "990000000000001", "created_time": "2026-12-03T14:58:10", "contact_id": 1042, "skip_reason": null, "recorded_utc": "2026-12-03T15:00:02"}]""",
        Description = "The leads recorded for the form, newest first: the contact each became, or why it was skipped.")]
    public Task<IActionResult> Leads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/forms/{formId}/leads")] HttpRequest request,
        string formId) =>
        api.WithToken(request, Scope.FacebookRead, async call =>
            ApiResult.List(await forms.ListLeadsAsync(call.Caller.AccountId, formId, call.Page(), call.Aborted), FacebookLeadResponse.From));
}
