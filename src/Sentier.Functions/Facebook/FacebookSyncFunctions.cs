using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Sentier.Core.Facebook;
using Sentier.Core.Storage;

namespace Sentier.Functions.Facebook;

/// <summary>
/// The poller: the timer (NCRONTAB in <c>Facebook:PollSchedule</c>) enqueues one message per active
/// form, and the queue trigger syncs one form per message, so forms sync in parallel across
/// instances and a slow or throttled form holds back no other.
/// </summary>
public sealed class FacebookSyncFunctions(FacebookPoller poller, FacebookFormSync sync, ILogger<FacebookSyncFunctions> logger)
{
    [Function("Facebook_Poll")]
    public Task Poll(
        [TimerTrigger("%Facebook:PollSchedule%")] TimerInfo timer,
        CancellationToken cancellationToken) =>
        poller.EnqueueDueFormsAsync(cancellationToken);

    [Function("Facebook_Sync")]
    public async Task Sync(
        [QueueTrigger(StorageNames.FacebookSyncQueue, Connection = StorageClientFactory.AppConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        var work = FacebookSyncQueue.Read(message.Body);
        var outcome = await sync.SyncAsync(work, cancellationToken);
        logger.LogInformation("Facebook form {FormId} of account {AccountId}: {Outcome}", work.FormId, work.AccountId, outcome);
    }
}
