using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sentier.Core.Webhooks;

/// <summary>What one sweep did.</summary>
/// <param name="Accounts">Marked accounts visited.</param>
/// <param name="Records">Change records it dispatched: those whose nudge was lost, or slower than <see cref="ChangeDispatchOptions.SweepAge"/>.</param>
/// <param name="Unmarked">Accounts whose mark it removed: nothing left to dispatch and no recent write.</param>
/// <param name="Failed">Accounts it could not finish (logged); the next sweep visits them again.</param>
public sealed record SweepResult(int Accounts, int Records, int Tombstones, int Unmarked, int Failed);

/// <summary>
/// The safety net behind the nudges: visits every account marked in <see cref="OutboxAccounts"/>
/// (those written in the last minutes, not all accounts), dispatches its records older than
/// <see cref="ChangeDispatchOptions.SweepAge"/>, deletes its old tombstones, and removes the mark
/// of an account left with neither records nor tombstones once no writer can still be relying on
/// its mark. A record whose nudge was lost (a failed send, a process that died right after the
/// commit) is thus dispatched within the sweep interval plus <see cref="ChangeDispatchOptions.SweepAge"/>.
/// </summary>
public sealed class OutboxSweep(
    OutboxAccounts accounts, ChangeOutbox outbox, ChangeDispatcher dispatcher, IOptions<ChangeDispatchOptions> options, TimeProvider clock,
    ILogger<OutboxSweep> logger)
{
    /// <summary>
    /// How much longer than a writer trusts its own mark (<see cref="ChangeDispatchOptions.MarkerRefresh"/>)
    /// a mark must be left alone before it may go: more than a transaction can take between the
    /// writer's check of its mark and the commit, which the storage client's retries bound to
    /// minutes, and more than clocks of instances differ.
    /// </summary>
    public static readonly TimeSpan MarkerGrace = TimeSpan.FromMinutes(10);

    private readonly ChangeDispatchOptions _options = options.Value;

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        int visited = 0, records = 0, tombstones = 0, unmarked = 0, failed = 0;
        await Parallel.ForEachAsync(
            accounts.ListAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = _options.SweepParallelism, CancellationToken = cancellationToken },
            async (account, token) =>
            {
                Interlocked.Increment(ref visited);
                try
                {
                    Interlocked.Add(ref records, await dispatcher.PassAsync(account.AccountId, now - _options.SweepAge, token));
                    Interlocked.Add(ref tombstones, await outbox.DeleteTombstonesAsync(account.AccountId, now - _options.TombstoneAge, token));
                    if (account.MarkedAt < now - _options.MarkerRefresh - MarkerGrace
                        && await outbox.IsEmptyAsync(account.AccountId, token)
                        && await accounts.TryRemoveAsync(account, token))
                    {
                        Interlocked.Increment(ref unmarked);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    logger.LogError(ex, "The sweep could not dispatch the changes of account {AccountId}; the next sweep tries again", account.AccountId);
                }
            });

        var result = new SweepResult(visited, records, tombstones, unmarked, failed);
        logger.LogInformation(
            "Sweep: {Accounts} accounts, {Records} change records dispatched, {Tombstones} tombstones deleted, {Unmarked} accounts unmarked, {Failed} failed",
            result.Accounts, result.Records, result.Tombstones, result.Unmarked, result.Failed);
        return result;
    }
}
