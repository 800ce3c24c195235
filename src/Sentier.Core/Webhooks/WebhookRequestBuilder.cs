using System.Text.Json;
using System.Text.Json.Nodes;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Turns an event and a subscription into what <see cref="WebhookSender"/> posts: the subscription's
/// body parameters become extra top-level fields of the event (so the signature covers them), its
/// header and query parameters go beside it, and <c>user_field</c> values come from the event's contact.
/// </summary>
public static class WebhookRequestBuilder
{
    /// <param name="webhookId"><c>webhook-id</c>: the event's id, the same on every attempt.</param>
    /// <param name="envelope">The event: <c>{id, type, created, account_id, source, app_id, data}</c>; not changed.</param>
    /// <param name="contact">The contact the event is about, for <c>user_field</c> parameters; null leaves them empty.</param>
    /// <param name="secrets">From <see cref="WebhookService.SigningSecrets"/>: current first.</param>
    public static WebhookRequest Build(
        WebhookSubscription subscription, string webhookId, JsonObject envelope, Contact? contact, IReadOnlyList<string> secrets)
    {
        var body = (JsonObject)envelope.DeepClone();
        var headers = new List<KeyValuePair<string, string>>();
        var query = new List<KeyValuePair<string, string>>();
        foreach (var parameter in subscription.Parameters)
        {
            var value = parameter.ValueFor(contact);
            switch (parameter.Placement)
            {
                case WebhookParameterPlacement.Header:
                    headers.Add(new(parameter.Key, value));
                    break;
                case WebhookParameterPlacement.Query:
                    query.Add(new(parameter.Key, value));
                    break;
                default:
                    body[parameter.Key] = value;
                    break;
            }
        }

        return new WebhookRequest(
            subscription.Url, webhookId, JsonSerializer.SerializeToUtf8Bytes(body, SentierJson.Options), secrets, headers, query);
    }
}
