using Azure.Storage.Queues;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The nudge queue (<see cref="StorageNames.OutboxNudgesQueue"/> in the app; tests give each their
/// own): one message naming an account right after one of its transactions committed, so its
/// records are dispatched at once. Messages are Base64 (<see cref="StorageClientFactory"/>).
/// </summary>
public sealed class OutboxNudgeQueue(QueueClient queue)
{
    /// <summary>
    /// A nudge older than this is of no use: the sweep has dispatched its records by then. Expiring
    /// keeps a backlog (or a queue nobody reads, as in most test hosts) from growing without end.
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    public QueueClient Queue { get; } = queue;

    public async Task SendAsync(string accountId, CancellationToken cancellationToken) =>
        await Queue.SendMessageAsync(accountId, timeToLive: TimeToLive, cancellationToken: cancellationToken);

    /// <summary>The account a nudge names (as the trigger hands the body over).</summary>
    /// <exception cref="FormatException">It names no account; the queue moves it to the poison queue in the end.</exception>
    public static string Read(BinaryData body) =>
        body.ToString() is var accountId && ResourceIds.IsWellFormed(accountId)
            ? accountId
            : throw new FormatException("The nudge does not name an account.");
}
