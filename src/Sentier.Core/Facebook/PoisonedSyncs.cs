using Microsoft.Extensions.Logging;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Facebook;

/// <summary>
/// Sync messages the sync function failed <c>maxDequeueCount</c> times. The poller enqueues every
/// active form again on its next run and the sync records its errors on the form, so a poisoned
/// message is logged and dropped rather than kept where nobody reads it.
/// </summary>
public sealed class PoisonedSyncs(ILogger<PoisonedSyncs> logger)
{
    public void Drop(BinaryData body)
    {
        if (PoisonMessages.TryRead(StorageNames.FacebookSyncPoisonQueue, body, FacebookSyncQueue.Read, logger, out var message))
        {
            logger.LogWarning(
                "Dropped a sync of Facebook form {FormId} of account {AccountId} that failed repeatedly; the poller enqueues the form again and its errors are on the form",
                MessageText.Clip(message.FormId), MessageText.Clip(message.AccountId));
        }
    }
}
