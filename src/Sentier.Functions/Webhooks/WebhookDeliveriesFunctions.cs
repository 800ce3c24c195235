using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Tokens;
using Sentier.Core.Webhooks;
using Sentier.Functions.Http;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// A webhook's delivery log (<c>webhooks:read</c>) and sending deliveries again (<c>webhooks:write</c>).
/// One delivery's read answers its payload, a whole contact, so it also needs <c>contacts:read</c>:
/// <c>webhooks:read</c> alone must not be a way round the contact scopes.
/// </summary>
public sealed class WebhookDeliveriesFunctions(ApiEndpoint api, WebhookDeliveryService deliveries)
{
    [Function("Webhooks_Deliveries")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/deliveries")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksRead, async call =>
            ApiResult.List(
                await deliveries.ListAsync(call.Caller.AccountId, id, call.Query("Status"), call.Page(), call.Aborted),
                delivery => WebhookDeliveryResponse.From(delivery, withPayload: false)));

    [Function("Webhooks_Delivery")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{id}/deliveries/{deliveryId}")] HttpRequest request,
        string id,
        string deliveryId) =>
        api.WithToken(request, Scope.WebhooksRead | Scope.ContactsRead, async call =>
            ApiResult.Ok(WebhookDeliveryResponse.From(await deliveries.GetAsync(call.Caller.AccountId, id, deliveryId, call.Aborted), withPayload: true)));

    [Function("Webhooks_Redeliver")]
    public Task<IActionResult> Redeliver(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/deliveries/{deliveryId}/redeliver")] HttpRequest request,
        string id,
        string deliveryId) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(WebhookDeliveryResponse.From(await deliveries.RedeliverAsync(call.Caller.AccountId, id, deliveryId, call.Aborted), withPayload: false)));

    [Function("Webhooks_Recover")]
    public Task<IActionResult> Recover(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{id}/recover")] HttpRequest request,
        string id) =>
        api.WithToken(request, Scope.WebhooksWrite, async call =>
            ApiResult.Ok(WebhookRecoverResponse.From(
                await deliveries.RecoverAsync(call.Caller.AccountId, id, call.Query("since"), call.Query("Continuation"), call.Aborted))));
}
