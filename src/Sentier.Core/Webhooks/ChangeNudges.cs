using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>
/// What every contact transaction with a change record does for the dispatcher. Before the commit:
/// the account is marked in <see cref="OutboxAccounts"/>, so the sweep will visit it whatever
/// happens next; an instance trusts its own mark for <see cref="ChangeDispatchOptions.MarkerRefresh"/>,
/// so a busy account costs one marker write a minute, not one per write. After the commit: a nudge
/// names the account on the nudge queue, and the dispatch function takes its records at once. A
/// nudge that fails (or a process that dies before sending it) leaves the records to the sweep.
/// </summary>
public sealed class ChangeNudges(
    OutboxAccounts accounts, OutboxNudgeQueue nudges, IOptions<ChangeDispatchOptions> options, TimeProvider clock, ILogger<ChangeNudges> logger)
    : IChangeRecordObserver
{
    /// <summary>Accounts remembered as marked before the expired ones are dropped.</summary>
    private const int RememberedAccounts = 10_000;

    private readonly TimeSpan _refresh = options.Value.MarkerRefresh;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _marked = new(StringComparer.Ordinal);

    public async Task BeforeCommitAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_marked.TryGetValue(accountId, out var markedAt) && now - markedAt < _refresh)
        {
            return;
        }

        await accounts.MarkAsync(accountId, now, cancellationToken);
        _marked[accountId] = now;
        if (_marked.Count > RememberedAccounts)
        {
            foreach (var (account, at) in _marked)
            {
                if (now - at >= _refresh)
                {
                    _marked.TryRemove(account, out _);
                }
            }
        }
    }

    public async Task CommittedAsync(string accountId)
    {
        try
        {
            await nudges.SendAsync(accountId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The dispatch nudge for account {AccountId} was not sent; the sweep will dispatch its changes", accountId);
        }
    }
}
