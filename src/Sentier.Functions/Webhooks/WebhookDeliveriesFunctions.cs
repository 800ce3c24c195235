using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Tokens;
using Sentier.Core.Webhooks;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// A webhook's delivery log (<c>webhooks:read</c>) and sending deliveries again (<c>webhooks:write</c>).
/// One delivery's read answers its payload, a whole contact, so it also needs <c>contacts:read</c>:
/// <c>webhooks:read</c> alone must not be a way round the contact scopes.
/// </summary>
[ApiTag("Webhook deliveries", "Each subscription's delivery log: every attempt, its answer and timing; redeliver one, or recover everything that failed in a time range.")]
public sealed class WebhookDeliveriesFunctions(ApiEndpoint api, WebhookDeliveryService deliveries)
{
    [Function("Webhooks_Deliveries")]
    [ApiOperation("Webhook deliveries", "List deliveries", Scope = Scope.WebhooksRead, Response = typeof(WebhookDeliveryResponse), Paged = true, ResponseExample = "[" + """{"id": "d_01JEXAMPLE", "webhook_id": 3, "event_id": "evt_4f1c9a07b2e84d6c9a3e5b7d1f0c2a68", "event_type": "contact_change", "webhook_message_id": "msg_01JEXAMPLE", "status": "delivered", "reason": null, "date_created_utc": "2026-12-03T15:04:05", "date_updated_utc": "2026-12-03T15:04:06", "next_attempt_at": null, "attempts": [], "payload": null}""" + "]",
        Description = "The webhook's delivery log, newest first (kept for `Webhooks:DeliveryRetentionDays`, 30 days by default): each event sent, its status and attempts. `payload` is shown when one delivery is read.")]
    [ApiQuery("Status", "Only deliveries in this status: `pending`, `delivered`, `failed` or `skipped`.")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/deliveries")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksRead, async call =>
            ApiResult.List(
                await deliveries.ListAsync(call.Caller.AccountId, id, call.Query("Status"), call.Page(), call.Aborted),
                delivery => WebhookDeliveryResponse.From(delivery, withPayload: false)));

    [Function("Webhooks_Delivery")]
    [ApiOperation("Webhook deliveries", "Get a delivery", Scope = Scope.WebhooksRead | Scope.ContactsRead, Response = typeof(WebhookDeliveryResponse), ResponseExample = """{"id": "d_01JEXAMPLE", "webhook_id": 3, "event_id": "evt_4f1c9a07b2e84d6c9a3e5b7d1f0c2a68", "event_type": "contact_change", "webhook_message_id": "msg_01JEXAMPLE", "status": "delivered", "reason": null, "date_created_utc": "2026-12-03T15:04:05", "date_updated_utc": "2026-12-03T15:04:06", "next_attempt_at": null, "attempts": [], "payload": null}""",
        Description = "One delivery with every attempt and the payload sent.")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/deliveries/{deliveryId}")] HttpRequest request,
        string id,
        string deliveryId) =>
        api.WithToken(request, Scope.WebhooksRead | Scope.ContactsRead, async call =>
            ApiResult.Ok(WebhookDeliveryResponse.From(await deliveries.GetAsync(call.Caller.AccountId, id, deliveryId, call.Aborted), withPayload: true)));

    [Function("Webhooks_Redeliver")]
    [ApiOperation("Webhook deliveries", "Redeliver", Scope = Scope.WebhooksWrite | Scope.ContactsRead, Response = typeof(WebhookDeliveryResponse), ResponseExample = """{"id": "d_01JEXAMPLE", "webhook_id": 3, "event_id": "evt_4f1c9a07b2e84d6c9a3e5b7d1f0c2a68", "event_type": "contact_change", "webhook_message_id": "msg_01JEXAMPLE", "status": "delivered", "reason": null, "date_created_utc": "2026-12-03T15:04:05", "date_updated_utc": "2026-12-03T15:04:06", "next_attempt_at": null, "attempts": [], "payload": null}""",
        Description = "Sends the delivery again with the same event id (receivers deduplicate on it).",
        Errors = ["409: the delivery is still being attempted, or changed meanwhile; try again."])]
    public Task<IActionResult> Redeliver(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/deliveries/{deliveryId}/redeliver")] HttpRequest request,
        string id,
        string deliveryId) =>
        api.WithToken(request, Scope.WebhooksWrite | Scope.ContactsRead, async call =>
            ApiResult.Ok(WebhookDeliveryResponse.From(await deliveries.RedeliverAsync(call.Caller.AccountId, id, deliveryId, call.Aborted), withPayload: false)));

    [Function("Webhooks_Recover")]
    [ApiOperation("Webhook deliveries", "Recover failed deliveries", Scope = Scope.WebhooksWrite | Scope.ContactsRead, Response = typeof(WebhookRecoverResponse),
        Description = "Sends again every failed delivery since a time: what a receiver calls after an outage.",
        Errors = ["400: `since` is missing, not a date, or in the future."])]
    [ApiQuery("since", "Required: failed deliveries created at or after this UTC time (ISO 8601).", Example = "2026-12-03T00:00:00")]
    public Task<IActionResult> Recover(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/recover")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite | Scope.ContactsRead, async call =>
            ApiResult.Ok(WebhookRecoverResponse.From(
                await deliveries.RecoverAsync(call.Caller.AccountId, id, call.Query("since"), call.Query("Continuation"), call.Aborted))));
}
