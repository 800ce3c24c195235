using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Storage;
using Sentier.Core.Webhooks;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// The queue side of webhook delivery: each message is one attempt of one delivery
/// (<see cref="WebhookDeliveryStep"/>); one the host poisoned is recorded as failed.
/// </summary>
public sealed class WebhookDeliveryFunctions(WebhookDeliveryStep step, PoisonedDeliveries poisoned)
{
    [Function("Webhooks_Deliver")]
    public Task Deliver(
        [QueueTrigger(StorageNames.WebhookDeliveriesQueue, Connection = StorageClientFactory.AppConnection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        step.ProcessAsync(WebhookDeliveryQueue.Read(message.Body), message.InsertedOn, cancellationToken);

    [Function("Webhooks_DeliverPoison")]
    public Task DeliverPoison(
        [QueueTrigger(StorageNames.WebhookDeliveriesPoisonQueue, Connection = StorageClientFactory.AppConnection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        poisoned.RecordAsync(message.Body, cancellationToken);
}
