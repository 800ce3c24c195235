using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Common;
using Sentier.Core.Tokens;
using Sentier.Core.Webhooks;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// ActiveTrail's webhook subscriptions ("API Events"). Reads need <c>webhooks:read</c>; changes,
/// the Test ping and the secret need <c>webhooks:write</c> (the secret is what lets anyone forge
/// this account's webhooks, so reading it is as sensitive as changing the subscription).
/// </summary>
[ApiTag("Webhooks", "API Events: subscriptions that POST signed events to your URL when contacts change (the events themselves are listed under Webhooks at the end of this reference).")]
public sealed class WebhooksFunctions(ApiEndpoint api, WebhookService webhooks)
{
    [Function("Webhooks_List")]
    [ApiOperation("Webhooks", "List webhooks", Scope = Scope.WebhooksRead, Response = typeof(WebhookResponse), Paged = true, ResponseExample = "[" + """{"id": 3, "name": "CRM sync", "url": "https://crm.example.com/hooks/sentier", "event_type": "contact_change", "event_types": ["contact_change"], "format": "json", "stateid": 1, "is_active": true, "parameters": [{"id": 1, "key": "X-Source", "value": "sentier", "event_parameter_type": "header", "event_value_type": "custom_text", "user_field": null}], "target_type_id": "api", "date_created_utc": "2026-11-02T08:30:00", "date_updated_utc": "2026-11-02T08:30:00", "disabled_reason": null}""" + "]",
        Description = "The account's webhook subscriptions (ActiveTrail's \"API Events\"). Secrets are not shown.")]
    [ApiQuery("EventType", "Only subscriptions to this event type.", Example = "contact_change")]
    [ApiQuery("StateType", "`active` or `inactive` (or `1` / `0`).")]
    [ApiQuery("TargetType", "`api` or `zapier`.")]
    [ApiQuery("IsIgnoreParameters", "`true` leaves out `parameters` (null).", Type = "boolean")]
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
    [ApiOperation("Webhooks", "Create a webhook", Scope = Scope.WebhooksWrite | Scope.ContactsRead, Request = typeof(WebhookRequestBody), Response = typeof(CreatedWebhookResponse), SuccessStatus = 201,
        RequestExample = """{"name": "CRM sync", "url": "https://crm.example.com/hooks/sentier", "event_type": "contact_change", "parameters": [{"key": "X-Source", "value": "sentier", "event_parameter_type": "header", "event_value_type": "custom_text"}]}""", ResponseExample = """{"id": 3, "name": "CRM sync", "url": "https://crm.example.com/hooks/sentier", "event_type": "contact_change", "event_types": ["contact_change"], "format": "json", "stateid": 1, "is_active": true, "parameters": [], "target_type_id": "api", "date_created_utc": "2026-11-02T08:30:00", "date_updated_utc": "2026-11-02T08:30:00", "disabled_reason": null, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""",
        Description = "Subscribes a URL to event types; every event is POSTed to it signed with the `secret` in the answer (see the webhook events below and docs/webhooks.md).",
        Errors = ["400: a missing name, URL or event type; a URL that is not https or resolves to a private address; an unknown event type."])]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks")] HttpRequest request) =>
        api.WithToken(request, Scope.WebhooksWrite | Scope.ContactsRead, async call =>
        {
            var (subscription, secret) = await webhooks.CreateAsync(call.Caller.AccountId, await call.ReadJsonAsync(), call.Aborted);
            return ApiResult.Created(CreatedWebhookResponse.From(subscription, secret));
        });

    [Function("Webhooks_Get")]
    [ApiOperation("Webhooks", "Get a webhook", Scope = Scope.WebhooksRead, Response = typeof(WebhookResponse), ResponseExample = """{"id": 3, "name": "CRM sync", "url": "https://crm.example.com/hooks/sentier", "event_type": "contact_change", "event_types": ["contact_change"], "format": "json", "stateid": 1, "is_active": true, "parameters": [{"id": 1, "key": "X-Source", "value": "sentier", "event_parameter_type": "header", "event_value_type": "custom_text", "user_field": null}], "target_type_id": "api", "date_created_utc": "2026-11-02T08:30:00", "date_updated_utc": "2026-11-02T08:30:00", "disabled_reason": null}""",
        Description = "One subscription. `disabled_reason` says why it was switched off after failing for too long.")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksRead, async call =>
            ApiResult.Ok(WebhookResponse.From(await webhooks.GetAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Webhooks_Update")]
    [ApiOperation("Webhooks", "Update a webhook", Scope = Scope.WebhooksWrite | Scope.ContactsRead, Request = typeof(WebhookRequestBody), Response = typeof(WebhookResponse),
        RequestExample = """{"is_active": true}""", ResponseExample = """{"id": 3, "name": "CRM sync", "url": "https://crm.example.com/hooks/sentier", "event_type": "contact_change", "event_types": ["contact_change"], "format": "json", "stateid": 1, "is_active": true, "parameters": [{"id": 1, "key": "X-Source", "value": "sentier", "event_parameter_type": "header", "event_value_type": "custom_text", "user_field": null}], "target_type_id": "api", "date_created_utc": "2026-11-02T08:30:00", "date_updated_utc": "2026-11-02T08:30:00", "disabled_reason": null}""",
        Description = "Changes the fields the body names. Setting `is_active: true` re-enables a disabled subscription.")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "webhooks/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite | Scope.ContactsRead, async call =>
            ApiResult.Ok(WebhookResponse.From(await webhooks.UpdateAsync(call.Caller.AccountId, id, await call.ReadJsonAsync(), call.Aborted))));

    [Function("Webhooks_Delete")]
    [ApiOperation("Webhooks", "Delete a webhook", Scope = Scope.WebhooksWrite, SuccessStatus = 204,
        Description = "Deletes the subscription and its delivery log.")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{id}")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
        {
            await webhooks.DeleteAsync(call.Caller.AccountId, id, call.Aborted);
            return ApiResult.NoContent();
        });

    [Function("Webhooks_Secret")]
    [ApiOperation("Webhooks", "Get the signing secret", Scope = Scope.WebhooksWrite, Response = typeof(WebhookSecretResponse),
        ResponseExample = """{"secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""",
        Description = "The secret that signs this webhook's requests. Reading it needs `webhooks:write`: whoever has it can forge events.")]
    public Task<IActionResult> Secret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/secret")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(new WebhookSecretResponse(await webhooks.GetSecretAsync(call.Caller.AccountId, id, call.Aborted))));

    [Function("Webhooks_RotateSecret")]
    [ApiOperation("Webhooks", "Rotate the signing secret", Scope = Scope.WebhooksWrite, Response = typeof(WebhookSecretResponse),
        ResponseExample = """{"secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"}""",
        Description = "A new secret; for 24 hours requests carry a signature with each, so receivers can switch without dropping events.")]
    public Task<IActionResult> RotateSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/secret/rotate")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(new WebhookSecretResponse(await webhooks.RotateSecretAsync(call.Caller.AccountId, id, call.Aborted))));

    /// <summary>Sends a signed ping now; always 200 with the receiver's answer or why there was none.</summary>
    [Function("Webhooks_Test")]
    [ApiOperation("Webhooks", "Send a test ping", Scope = Scope.WebhooksWrite, Response = typeof(WebhookTestResponse),
        ResponseExample = """{"event_id": "evt_5b0c2d9e8f7a41c3b6d5e4f3a2b1c0d9", "success": true, "outcome": "delivered", "status_code": 200, "latency_ms": 84.2, "error": null, "response_body": "ok"}""",
        Description = "Sends a signed `ping` now, active or not, and answers 200 with how the receiver answered: `success` is a 2xx; otherwise `error` says why (refused address, connection failure, timeout, status).")]
    public Task<IActionResult> Test(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/Test")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(WebhookTestResponse.From(await webhooks.TestAsync(call.Caller.AccountId, id, call.Caller.App.Id, call.Aborted))));
}
