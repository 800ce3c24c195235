using Microsoft.Extensions.Logging;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Nudges the dispatch function failed <c>maxDequeueCount</c> times. A nudge only hurries what the
/// account's <see cref="OutboxAccounts"/> mark already guarantees (the sweep dispatches the account),
/// so a poisoned one is logged and dropped rather than kept where nobody reads it.
/// </summary>
public sealed class PoisonedNudges(ILogger<PoisonedNudges> logger)
{
    public void Drop(BinaryData body)
    {
        if (PoisonMessages.TryRead(StorageNames.OutboxNudgesPoisonQueue, body, OutboxNudgeQueue.Read, logger, out var accountId))
        {
            logger.LogWarning(
                "Dropped a nudge for account {AccountId} that failed dispatch repeatedly; the sweep dispatches the account's change records", accountId);
        }
    }
}
