using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Sentier.Core.Contacts;

/// <summary>
/// Hands out integer ids per account that are unique and never reused. Each instance reserves a
/// block of ids with one optimistic (ETag) update of the account's allocator row and serves single
/// ids from memory, so creating contacts is not a read-modify-write on one hot counter. Ids left in
/// a block when an instance stops are skipped, never given twice.
/// </summary>
public sealed class IdAllocator(ContactStore store)
{
    public const string ContactSequence = "contacts";
    public const string GroupSequence = "groups";

    /// <summary>Contacts are created in bursts and reserve blocks; groups are rare and keep their ids dense.</summary>
    private const int ContactBlockSize = 50;
    private const int MaxAttempts = 50;

    private readonly ConcurrentDictionary<(string Account, string Sequence), IdBlock> _blocks = new();

    public async Task<long> NextAsync(string accountId, string sequence, CancellationToken cancellationToken)
    {
        var block = _blocks.GetOrAdd((accountId, sequence), _ => new IdBlock());
        if (block.TryTake(out var id))
        {
            return id;
        }

        // One caller refills while the others wait for its block, instead of each reserving its own.
        await block.Refilling.WaitAsync(cancellationToken);
        try
        {
            if (block.TryTake(out id))
            {
                return id;
            }

            var blockSize = sequence == ContactSequence ? ContactBlockSize : 1;
            var first = await ReserveAsync(accountId, sequence, blockSize, cancellationToken);
            block.Refill(first + 1, first + blockSize - 1);
            return first;
        }
        finally
        {
            block.Refilling.Release();
        }
    }

    /// <summary>Reserves <paramref name="count"/> consecutive ids and returns the first.</summary>
    public async Task<long> ReserveAsync(string accountId, string sequence, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var rowKey = ContactKeys.Allocator(sequence);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.Table.GetEntityIfExistsAsync<TableEntity>(accountId, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await store.Table.AddEntityAsync(new TableEntity(accountId, rowKey) { ["Next"] = 1L + count }, cancellationToken);
                    return 1;
                }

                var next = current.Value!.GetInt64("Next") ?? 1;
                var updated = new TableEntity(accountId, rowKey) { ["Next"] = next + count };
                await store.Table.UpdateEntityAsync(updated, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance reserved a block meanwhile; back off briefly and read again.
                await Task.Delay(Random.Shared.Next(1, 5 + attempt * 2), cancellationToken);
            }
        }

        throw new InvalidOperationException($"Could not reserve ids for '{sequence}' after {MaxAttempts} attempts.");
    }

    private sealed class IdBlock
    {
        private long _next;
        private long _last = -1;

        public SemaphoreSlim Refilling { get; } = new(1, 1);

        public bool TryTake(out long id)
        {
            lock (this)
            {
                id = _next;
                if (_next > _last)
                {
                    return false;
                }

                _next++;
                return true;
            }
        }

        public void Refill(long first, long last)
        {
            lock (this)
            {
                _next = first;
                _last = last;
            }
        }
    }
}
