using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The <c>WebhookDeliveries</c> table. PK <c>{accountId}_{webhookId}</c>: one subscription's log is
/// one partition, so a busy account's writes spread over its subscriptions' partitions and a list
/// never crosses into another account's. RK is the delivery id, <c>d</c> + (<see cref="DateTimeOffset.MaxValue"/>
/// − the event's time) ticks in 19 digits + 16 hex digits of a hash of the event id: newest first in
/// key order, and the same for the same event and subscription however often it is enqueued, so the
/// dispatcher can enqueue a change record again without making a second delivery. Each delivery is written about three times (enqueue, each
/// attempt, the end), so one partition holds 2,000 entities/s only past ~600 deliveries/s to a single
/// subscription, far beyond what one receiver takes. The payload is the row's claim-checked event,
/// in <see cref="BinaryParts"/>; the row keeps the newest attempts that fit beside it in 1 MiB.
/// </summary>
public sealed class WebhookDeliveryStore(TableServiceClient tables)
{
    /// <summary>
    /// The largest event payload, in UTF-8 bytes (the largest contact's update event is about a
    /// third of it): in parts of <see cref="BinaryParts.PartBytes"/>, sent base64-encoded, it leaves
    /// at least 90 KB of the row's 1 MiB for attempts, enough for several with a 4 KB answer each.
    /// </summary>
    public const int MaxPayloadBytes = 700 * 1024;

    /// <summary>
    /// Attempts the row keeps at most (each with up to 4 KB of the receiver's answer); older ones
    /// drop out of the log, and so do more of them when a large payload leaves less room.
    /// </summary>
    public const int MaxAttemptsKept = 20;

    private const string IdPrefix = "d";

    /// <summary>Entities per entity-group transaction, the service's maximum.</summary>
    private const int DeleteBatchSize = 100;

    public TableClient Table { get; } = tables.GetTableClient(StorageNames.WebhookDeliveriesTable);

    public static string PartitionKey(string accountId, long webhookId) =>
        accountId + "_" + webhookId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The id of the delivery of event <paramref name="eventId"/> (of time <paramref name="eventTime"/>)
    /// to one subscription (the partition). 64 bits of hash keep events of one tick apart: an import's
    /// record raises a few hundred events of one time, which collide with odds of about 2^-47.
    /// </summary>
    public static string IdOf(DateTimeOffset eventTime, string eventId) =>
        IdPrefix + TimeKey(eventTime) + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 8));

    /// <summary>Delivery ids are <see cref="IdOf"/>'s shape; anything else names none, without reaching storage.</summary>
    public static bool IsId(string? id) =>
        id is { Length: 36 } && id.StartsWith(IdPrefix, StringComparison.Ordinal)
        && id.AsSpan(1, 19).ContainsAnyExceptInRange('0', '9') is false
        && id.AsSpan(20).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>
    /// Inserts the deliveries that do not exist yet: those of one subscription share a partition and
    /// go in transactions of up to 100 rows within the byte budget (<see cref="TransactionSize"/>); a
    /// transaction refused because a row of it exists is written again row by row. Returns every
    /// delivery as stored, and whether this call inserted it.
    /// </summary>
    public async Task<IReadOnlyList<(WebhookDelivery Delivery, bool Added)>> AddNewAsync(
        IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var stored = new List<(WebhookDelivery, bool)>(deliveries.Count);
        foreach (var partition in deliveries.GroupBy(delivery => PartitionKey(delivery.AccountId, delivery.WebhookId)))
        {
            foreach (var chunk in Pack(partition, TableTransactionActionType.Add))
            {
                if (chunk.Count > 1 && await TryAddAllAsync(chunk, cancellationToken) is { } added)
                {
                    stored.AddRange(added.Select(delivery => (delivery, true)));
                    continue;
                }

                foreach (var delivery in chunk)
                {
                    stored.Add(await AddOrFindAsync(delivery, cancellationToken));
                }
            }
        }

        return stored;
    }

    public async Task<WebhookDelivery?> FindAsync(string accountId, long webhookId, string deliveryId, CancellationToken cancellationToken)
    {
        if (!IsId(deliveryId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(accountId, webhookId), deliveryId, cancellationToken: cancellationToken);
        return row.HasValue ? ToDelivery(row.Value!) : null;
    }

    /// <summary>
    /// The named deliveries of one subscription that exist, by id, in one query over the key range
    /// they span. The ids of one first-attempt message (<see cref="WebhookDeliveryMessage.Batch"/>)
    /// are consecutive keys of one enqueue, so the range holds little else: at most rows that a
    /// concurrent enqueue wrote for events of the same instant, which are skipped.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, WebhookDelivery>> FindManyAsync(
        string accountId, long webhookId, IEnumerable<string> deliveryIds, CancellationToken cancellationToken)
    {
        var wanted = deliveryIds.Where(IsId).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, WebhookDelivery>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }

        // Every id has IdOf's length, so no other key lies between the last id and the last id + "g".
        var range = KeyRange.Between(PartitionKey(accountId, webhookId), wanted.Min(StringComparer.Ordinal)!, wanted.Max(StringComparer.Ordinal) + "g");
        await foreach (var row in PartitionPager.QueryAsync(Table, range, null, 1000, cancellationToken))
        {
            if (wanted.Contains(row.RowKey))
            {
                found[row.RowKey] = ToDelivery(row);
                if (found.Count == wanted.Count)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// <see cref="TryReplaceAsync"/> for many deliveries: those of one subscription in transactions
    /// of up to 100 rows within the byte budget, each row under its ETag. A transaction refused
    /// because one of its rows changed (or went) is written again row by row, so each delivery gets
    /// its own answer: as stored, or null where another writer's record stands.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDelivery?>> TryReplaceAllAsync(IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var stored = new WebhookDelivery?[deliveries.Count];
        foreach (var partition in deliveries.Select((delivery, i) => (delivery, i)).GroupBy(pair => PartitionKey(pair.delivery.AccountId, pair.delivery.WebhookId)))
        {
            var positions = partition.Select(pair => pair.i).ToList();
            var at = 0;
            foreach (var chunk in Pack(partition.Select(pair => pair.delivery), TableTransactionActionType.UpdateReplace))
            {
                var replaced = chunk.Count > 1 ? await TryReplaceTogetherAsync(chunk, cancellationToken) : null;
                for (var i = 0; i < chunk.Count; i++, at++)
                {
                    stored[positions[at]] = replaced is not null ? replaced[i] : await TryReplaceAsync(chunk[i], cancellationToken);
                }
            }
        }

        return stored;
    }

    /// <summary>
    /// Replaces the delivery if nobody changed it since it was read; null when someone did (or it is
    /// gone). Every replace writes a fresh <see cref="WebhookDelivery.Token"/>, so when the answer to
    /// a replace was lost and the storage client's repeat fails against the replace's own write, the
    /// row that holds this token is recognised as this write, not another writer's.
    /// </summary>
    public async Task<WebhookDelivery?> TryReplaceAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (await Table.TryReplaceAsync(ToEntity(delivery), delivery.ETag, cancellationToken) is { } etag)
        {
            return delivery with { ETag = etag };
        }

        return await FindAsync(delivery.AccountId, delivery.WebhookId, delivery.Id, cancellationToken) is { } stored
               && stored.Token == delivery.Token && stored.Sequence == delivery.Sequence && stored.Status == delivery.Status
            ? stored
            : null;
    }

    /// <summary>A page of the subscription's deliveries, newest first, of one status if given (filtered by the service).</summary>
    public Task<ItemPage<WebhookDelivery>> ListAsync(
        string accountId, long webhookId, DeliveryStatus? status, PageRequest page, CancellationToken cancellationToken) =>
        PartitionPager.ReadAsync(Table, new KeyRange(PartitionKey(accountId, webhookId), IdPrefix, StatusFilter(status)), page, ToDelivery, cancellationToken);

    /// <summary>
    /// A page of the subscription's deliveries of <paramref name="status"/> created at or after
    /// <paramref name="since"/>, newest first: one range query, the status filtered by the service.
    /// </summary>
    public Task<ItemPage<WebhookDelivery>> SinceAsync(
        string accountId, long webhookId, DeliveryStatus status, DateTimeOffset since, PageRequest page, CancellationToken cancellationToken) =>
        // Newer rows have smaller keys: everything from the prefix up to the first key of 'since'.
        PartitionPager.ReadAsync(
            Table, KeyRange.Between(PartitionKey(accountId, webhookId), IdPrefix, IdPrefix + TimeKey(since) + "g", StatusFilter(status)), page, ToDelivery, cancellationToken);

    /// <summary>
    /// Deletes the subscription's deliveries created before <paramref name="before"/> (all of them
    /// when null): a key range, read as keys only, deleted 100 per entity-group transaction.
    /// </summary>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> DeleteBeforeAsync(string partitionKey, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        // Older rows have larger keys: from the first key of 'before' to the end of the prefix.
        var range = before is { } time ? KeyRange.Between(partitionKey, IdPrefix + TimeKey(time), "e") : new KeyRange(partitionKey, IdPrefix);
        var deleted = 0;
        var batch = new List<TableTransactionAction>(DeleteBatchSize);
        await foreach (var row in Table.QueryAsync<TableEntity>(range.Filter(null), maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, row.RowKey), ETag.All));
            if (batch.Count == DeleteBatchSize)
            {
                deleted += await DeleteAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        return batch.Count > 0 ? deleted + await DeleteAsync(batch, cancellationToken) : deleted;
    }

    /// <summary>Removes one delivery (that of a deleted webhook, which no log shows any more).</summary>
    public async Task DeleteAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(PartitionKey(delivery.AccountId, delivery.WebhookId), delivery.Id, ETag.All, cancellationToken);

    private async Task<int> DeleteAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // A row went meanwhile (a delivery of a deleted webhook removes its own): one by one, where a missing row is no error.
            foreach (var action in batch)
            {
                await Table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
            }
        }

        return batch.Count;
    }

    private static IEnumerable<List<WebhookDelivery>> Pack(IEnumerable<WebhookDelivery> deliveries, TableTransactionActionType action)
    {
        var chunk = new List<WebhookDelivery>();
        long bytes = 0;
        foreach (var delivery in deliveries)
        {
            var size = TransactionSize.Measure(new TableTransactionAction(action, ToEntity(delivery))).PayloadBytes;
            if (chunk.Count > 0 && (chunk.Count == ContactBatch.MaxOperations || bytes + size > TransactionSize.PayloadBudget))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(delivery);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>The rows in one transaction; null when one of them exists already (nothing was written).</summary>
    private async Task<List<WebhookDelivery>?> TryAddAllAsync(List<WebhookDelivery> chunk, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.SubmitTransactionAsync(
                chunk.Select(delivery => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(delivery))), cancellationToken);
            return chunk.Select((delivery, i) => delivery with { ETag = response.Value[i].Headers.ETag ?? default }).ToList();
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>The rows in one transaction, each under its ETag; null when one of them changed or went (nothing was written).</summary>
    private async Task<List<WebhookDelivery>?> TryReplaceTogetherAsync(List<WebhookDelivery> chunk, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.SubmitTransactionAsync(
                chunk.Select(delivery => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(delivery), delivery.ETag)), cancellationToken);
            return chunk.Select((delivery, i) => delivery with { ETag = response.Value[i].Headers.ETag ?? default }).ToList();
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    private async Task<(WebhookDelivery, bool)> AddOrFindAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.AddEntityAsync(ToEntity(delivery), cancellationToken);
            return (delivery with { ETag = response.Headers.ETag ?? default }, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Enqueued before, or by a dispatch running at the same time; its row stands (if it has
            // been deleted since, by retention, the event was long delivered).
            return (await FindAsync(delivery.AccountId, delivery.WebhookId, delivery.Id, cancellationToken) ?? delivery, false);
        }
    }

    private static string? StatusFilter(DeliveryStatus? status) =>
        status is { } value ? TableClient.CreateQueryFilter($"Status eq {WebhookDelivery.StatusName(value)}") : null;

    private static string TimeKey(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(WebhookDelivery delivery)
    {
        var row = new TableEntity(PartitionKey(delivery.AccountId, delivery.WebhookId), delivery.Id)
        {
            ["AccountId"] = delivery.AccountId,
            ["WebhookId"] = delivery.WebhookId,
            ["EventId"] = delivery.EventId,
            ["EventType"] = delivery.EventType,
            ["MessageId"] = delivery.MessageId,
            ["Status"] = WebhookDelivery.StatusName(delivery.Status),
            ["Reason"] = delivery.Reason,
            ["Sequence"] = delivery.Sequence,
            ["Token"] = delivery.Token,
            ["SeriesAttempts"] = delivery.SeriesAttempts,
            ["Created"] = delivery.Created,
            ["Updated"] = delivery.Updated,
            ["NextAttemptAt"] = delivery.NextAttemptAt,
        };

        BinaryParts.Write(row, "Payload", delivery.Payload.ToArray());

        // One binary property per attempt: a 4 KB answer escaped into JSON can pass a string
        // property's 64 KiB only this way. The oldest go first until the row fits its limits; the
        // newest always fits (MaxPayloadBytes leaves room for it).
        var kept = delivery.Attempts.TakeLast(MaxAttemptsKept).Select(attempt => JsonSerializer.SerializeToUtf8Bytes(attempt, SentierJson.Options)).ToList();
        while (true)
        {
            row["AttemptCount"] = kept.Count;
            for (var i = 0; i < kept.Count; i++)
            {
                row[$"Attempt{i}"] = kept[i];
            }

            if (kept.Count <= 1 || TransactionSize.Measure(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row)).WithinEntityLimits)
            {
                return row;
            }

            row.Remove($"Attempt{kept.Count - 1}");
            kept.RemoveAt(0);
        }
    }

    private static WebhookDelivery ToDelivery(TableEntity row)
    {
        var attempts = new List<DeliveryAttempt>();
        for (var i = 0; i < (row.GetInt32("AttemptCount") ?? 0); i++)
        {
            attempts.Add(JsonSerializer.Deserialize<DeliveryAttempt>(row.GetBinary($"Attempt{i}"), SentierJson.Options)!);
        }

        return new WebhookDelivery(
            row.GetString("AccountId") ?? "",
            row.GetInt64("WebhookId") ?? 0,
            row.RowKey,
            row.GetString("EventId") ?? "",
            row.GetString("EventType") ?? "",
            row.GetString("MessageId") ?? "",
            BinaryParts.Read(row, "Payload") ?? [],
            Enum.TryParse<DeliveryStatus>(row.GetString("Status"), ignoreCase: true, out var status) ? status : DeliveryStatus.Pending,
            row.GetString("Reason"),
            row.GetInt32("Sequence") ?? 1,
            row.GetInt32("SeriesAttempts") ?? 0,
            row.GetDateTimeOffset("Created") ?? default,
            row.GetDateTimeOffset("Updated") ?? default,
            row.GetDateTimeOffset("NextAttemptAt"),
            attempts)
        {
            ETag = row.ETag,
            Token = row.GetString("Token") ?? "",
        };
    }
}
