using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Facebook;
using Sentier.Core.Storage;

namespace Sentier.Functions.Facebook;

/// <summary>Drains <c>facebook-sync-poison</c>: the poller enqueues the form again (<see cref="PoisonedSyncs"/>).</summary>
public sealed class FacebookSyncPoisonFunction(PoisonedSyncs poisoned)
{
    [Function("Facebook_SyncPoison")]
    public void SyncPoison([QueueTrigger(StorageNames.FacebookSyncPoisonQueue, Connection = StorageClientFactory.AppConnection)] QueueMessage message) =>
        poisoned.Drop(message.Body);
}
