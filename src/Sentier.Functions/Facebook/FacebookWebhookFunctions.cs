using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Facebook;
using Sentier.Functions.Docs;
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
    [ApiOperation("Facebook", "Meta webhook handshake", Access = ApiAccess.Anonymous, ResponseMediaType = "text/plain",
        Description = "Meta calls this when the webhook is set up: with the configured verify token, it answers `hub.challenge` as plain text.",
        Errors = ["400: `hub.mode` is not `subscribe`, or a value is missing.", "403: the verify token is wrong."])]
    [ApiQuery("hub.mode", "`subscribe`.")]
    [ApiQuery("hub.verify_token", "The verify token set in the app's settings.")]
    [ApiQuery("hub.challenge", "Echoed back.")]
    public Task<IActionResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "facebook/webhook")] HttpRequest request) =>
        api.Anonymous(request, call =>
            Task.FromResult<IActionResult>(new PlainTextResult(receiver.Verify(call.Query("hub.mode"), call.Query("hub.verify_token"), call.Query("hub.challenge")))));

    [Function("Facebook_WebhookReceive")]
    [ApiOperation("Facebook", "Meta leadgen notifications", Access = ApiAccess.Anonymous, Response = typeof(FacebookWebhookReceipt),
        ResponseExample = """{"enqueued": 1}""",
        Description = "Where Meta posts `leadgen` notifications, signed with `X-Hub-Signature-256`; each new lead queues its form's sync. Not for API clients.",
        Errors = ["400: the body is not JSON.", "401: the signature is missing or wrong, or no app secret is configured.", "413: the body is larger than 1 MiB."])]
    public Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "facebook/webhook")] HttpRequest request) =>
        api.Anonymous(request, async call =>
        {
            var body = await call.ReadBytesAsync();
            var enqueued = await receiver.ReceiveAsync(body, request.Headers[FacebookWebhookReceiver.SignatureHeader].FirstOrDefault(), call.Aborted);
            return ApiResult.Ok(new FacebookWebhookReceipt(enqueued));
        });
}
