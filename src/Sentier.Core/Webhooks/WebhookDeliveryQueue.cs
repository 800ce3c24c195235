using System.Text.Json;
using Azure.Storage.Queues;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The delivery queue (<see cref="StorageNames.WebhookDeliveriesQueue"/> in the app; tests give
/// each their own), through a client from <see cref="StorageClientFactory"/>, which encodes messages
/// in Base64 as host.json's <c>messageEncoding</c> says the trigger reads them.
/// </summary>
public sealed class WebhookDeliveryQueue(QueueClient queue)
{
    public QueueClient Queue { get; } = queue;

    /// <param name="delay">How long the message stays invisible: the retry schedule's backoff (host.json's visibilityTimeout is fixed).</param>
    public async Task SendAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        await Queue.SendMessageAsync(
            BinaryData.FromObjectAsJson(message, JsonSerializerOptions.Web),
            visibilityTimeout: delay > TimeSpan.Zero ? delay : null,

            // Never expires: a message may wait up to 7 days before its attempt and be retried
            // after that, and the delivery row stays pending until some message settles it.
            timeToLive: TimeSpan.FromSeconds(-1),
            cancellationToken: cancellationToken);

    /// <summary>A message body as the trigger hands it over (already decoded from Base64).</summary>
    /// <exception cref="JsonException">It is not a delivery message.</exception>
    public static WebhookDeliveryMessage Read(BinaryData body) =>
        body.ToObjectFromJson<WebhookDeliveryMessage>(JsonSerializerOptions.Web)
        ?? throw new JsonException("The queue message is empty.");
}
