using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Facebook;
using Sentier.Functions.Http;

namespace Sentier.Functions.Facebook;

/// <summary>
/// Meta's <c>leadgen</c> webhook. No API token: Meta proves itself with the verify token (handshake)
/// and the <c>X-Hub-Signature-256</c> HMAC of each notification (401 when it is missing or wrong).
/// </summary>
public sealed class FacebookWebhookFunctions(ApiEndpoint api, FacebookWebhookReceiver receiver)
{
    /// <summary>Echoes <c>hub.challenge</c> as plain text, as Meta's handshake expects.</summary>
    [Function("Facebook_WebhookVerify")]
    public Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/webhook")] HttpRequest request) =>
        api.Anonymous(request, call =>
            Task.FromResult<IActionResult>(new PlainTextResult(receiver.Verify(call.Query("hub.mode"), call.Query("hub.verify_token"), call.Query("hub.challenge")))));

    [Function("Facebook_WebhookReceive")]
    public Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "facebook/webhook")] HttpRequest request) =>
        api.Anonymous(request, async call =>
        {
            var body = await call.ReadBytesAsync();
            var enqueued = await receiver.ReceiveAsync(body, request.Headers[FacebookWebhookReceiver.SignatureHeader].FirstOrDefault(), call.Aborted);
            return ApiResult.Ok(new { enqueued });
        });
}
