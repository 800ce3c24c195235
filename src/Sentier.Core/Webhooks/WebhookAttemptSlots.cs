namespace Sentier.Core.Webhooks;

/// <summary>
/// How many attempts this instance runs at once for each webhook, bounded per webhook. A webhook's
/// entry lives only while someone holds or waits for one of its slots, so memory follows the
/// webhooks in flight, not every webhook ever seen.
/// </summary>
public sealed class WebhookAttemptSlots(int perWebhook)
{
    private readonly Dictionary<(string AccountId, long WebhookId), Entry> _entries = [];

    /// <summary>A slot of the webhook, waiting up to <paramref name="wait"/> for one; null when none came free.</summary>
    public async Task<IDisposable?> TryEnterAsync(string accountId, long webhookId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var key = (accountId, webhookId);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                _entries[key] = entry = new Entry(new SemaphoreSlim(perWebhook, perWebhook));
            }

            entry.Users++;
        }

        var entered = false;
        try
        {
            entered = await entry.Slots.WaitAsync(wait, cancellationToken);
            return entered ? new Lease(this, key, entry) : null;
        }
        finally
        {
            if (!entered)
            {
                Leave(key, entry);
            }
        }
    }

    private void Leave((string, long) key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry(SemaphoreSlim slots)
    {
        public SemaphoreSlim Slots { get; } = slots;

        /// <summary>Holders and waiters; guarded by the dictionary's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Lease(WebhookAttemptSlots owner, (string, long) key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                entry.Slots.Release();
                owner.Leave(key, entry);
            }
        }
    }
}
