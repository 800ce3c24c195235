using Microsoft.Extensions.Logging;

namespace Sentier.Core.Webhooks;

/// <summary>What one quarantine retention run removed.</summary>
/// <param name="Accounts">Accounts marked as holding quarantined records, visited.</param>
/// <param name="Records">Quarantined records deleted.</param>
/// <param name="Unmarked">Accounts left with none, whose mark it removed.</param>
public sealed record QuarantineRetentionResult(int Accounts, int Records, int Unmarked);

/// <summary>
/// Keeps quarantined change records (<c>q-</c>, <see cref="ChangeOutbox.QuarantineAsync"/>)
/// <see cref="KeptFor"/> after the change was made, long enough to investigate why the dispatcher
/// could not read them. Visits only the accounts marked in <see cref="OutboxAccounts"/> as holding
/// some (a quarantine is rare), not every account: per run, one scan of those marks, one key-only
/// range query per marked account and one transaction per 100 records removed. An account left
/// with none loses its mark, unless it was marked within <see cref="OutboxSweep.MarkerGrace"/>: a
/// quarantine marks the account before it moves the record, and that record may not be there yet.
/// </summary>
public sealed class QuarantineRetention(OutboxAccounts accounts, ChangeOutbox outbox, TimeProvider clock, ILogger<QuarantineRetention> logger)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    public async Task<QuarantineRetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (visited, removed, unmarked) = (0, 0, 0);
        await foreach (var account in accounts.ListQuarantinedAsync(cancellationToken))
        {
            visited++;
            removed += await outbox.DeleteQuarantinedAsync(account.AccountId, now - KeptFor, cancellationToken);
            if (account.MarkedAt < now - OutboxSweep.MarkerGrace
                && !await outbox.HasQuarantinedAsync(account.AccountId, cancellationToken)
                && await accounts.TryRemoveAsync(account, cancellationToken))
            {
                unmarked++;
            }
        }

        logger.LogInformation(
            "Quarantine retention: {Accounts} accounts visited, {Records} quarantined change records made before {Cutoff:O} removed, {Unmarked} accounts unmarked",
            visited, removed, now - KeptFor, unmarked);
        return new QuarantineRetentionResult(visited, removed, unmarked);
    }
}
