using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Storage;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The <c>Webhooks</c> table: PK account id, so one account's subscriptions are one partition and no
/// query of one account can reach another's; RK <c>w</c> and the id in 19 digits, so rows list in id
/// order. Beside them, one <c>counter</c> row per account holds the next id and how many
/// subscriptions exist. Every create and delete changes the counter row under its ETag in the same
/// entity-group transaction as the subscription row, so ids are integers as ActiveTrail's are, are
/// never reused, and the count behind the per-account limit is exact however many creates race:
/// all but one of them fail the ETag check and read the counter again. A delete leaves a tombstone
/// (RK <c>x</c> + id) in the same transaction: the retention timer purges the deleted webhook's
/// deliveries and then removes it.
/// </summary>
public sealed class WebhookStore(TableServiceClient tables)
{
    public const string SubscriptionPrefix = "w";
    public const string CounterRowKey = "counter";
    public const string TombstonePrefix = "x";

    private const int MaxAttempts = 100;

    public TableClient Table { get; } = tables.GetTableClient(StorageNames.WebhooksTable);

    public static string RowKey(long id) => SubscriptionPrefix + id.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds the subscription <paramref name="build"/> makes for the id it is given, unless the account
    /// already has <see cref="WebhookSubscription.MaxPerAccount"/>.
    /// </summary>
    /// <exception cref="InvalidRequestException">The account is at its limit.</exception>
    public async Task<WebhookSubscription> AddAsync(string accountId, Func<long, WebhookSubscription> build, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var counter = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, CounterRowKey, cancellationToken: cancellationToken);
            var next = counter.HasValue ? counter.Value!.GetInt64("Next") ?? 1 : 1;
            var count = counter.HasValue ? counter.Value!.GetInt32("Count") ?? 0 : 0;
            if (count >= WebhookSubscription.MaxPerAccount)
            {
                throw new InvalidRequestException(
                    $"This account already has {WebhookSubscription.MaxPerAccount} webhooks, the most one account can have; delete one first.");
            }

            var subscription = build(next);
            var row = ToEntity(subscription);
            var newCounter = new TableEntity(accountId, CounterRowKey) { ["Next"] = next + 1, ["Count"] = count + 1 };
            try
            {
                var response = await Table.SubmitTransactionAsync(
                    [
                        counter.HasValue
                            ? new(TableTransactionActionType.UpdateReplace, newCounter, counter.Value!.ETag)
                            : new(TableTransactionActionType.Add, newCounter),
                        new(TableTransactionActionType.Add, row),
                    ],
                    cancellationToken);
                return subscription with { ETag = response.Value[1].Headers.ETag ?? default };
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another create or delete changed the counter first; or the storage client repeated
                // this transaction after the answer to its commit was lost, which the row tells.
                if (await FindRowAsync(accountId, subscription.Id, cancellationToken) is { } stored
                    && stored.GetString("Secret") == subscription.ProtectedSecret)
                {
                    return ToSubscription(stored);
                }

                await Task.Delay(Random.Shared.Next(1, 5 + (attempt * 2)), cancellationToken);
            }
        }

        throw new ConflictException("Too many webhooks were being created at once; try again.");
    }

    public async Task<WebhookSubscription?> FindAsync(string accountId, long id, CancellationToken cancellationToken) =>
        await FindRowAsync(accountId, id, cancellationToken) is { } row ? ToSubscription(row) : null;

    /// <summary>A page of the account's subscriptions in id order, of those that pass <paramref name="predicate"/>.</summary>
    public Task<ItemPage<WebhookSubscription>> ListAsync(
        string accountId, PageRequest page, Func<WebhookSubscription, bool>? predicate, CancellationToken cancellationToken)
    {
        // At most 50 rows per account: reading them all for a filter costs one round trip.
        var rows = PartitionPager.QueryAsync(Table, Range(accountId), page.ContinueAfterRowKey, 1000, cancellationToken)
            .Select(row => (row.RowKey, ToSubscription(row)));
        return PartitionPager.PageAsync(rows, page, predicate, cancellationToken);
    }

    /// <summary>Every subscription of the account, in id order (what an event is fanned out to).</summary>
    public async IAsyncEnumerable<WebhookSubscription> ListAllAsync(string accountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in PartitionPager.QueryAsync(Table, Range(accountId), null, 1000, cancellationToken))
        {
            yield return ToSubscription(row);
        }
    }

    /// <summary>Replaces the subscription if nobody changed it since it was read; null when someone did (read again) or it is gone.</summary>
    public async Task<WebhookSubscription?> TryReplaceAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        await Table.TryReplaceAsync(ToEntity(subscription), subscription.ETag, cancellationToken) is { } etag ? subscription with { ETag = etag } : null;

    /// <summary>
    /// Deletes the subscription, counts it out and leaves its tombstone. True when it is gone now,
    /// whether this call or an earlier one removed it (ids are never reused, so one below the
    /// counter's next id that has no row was deleted); false when the account never had it.
    /// </summary>
    public async Task<bool> DeleteAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var counter = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, CounterRowKey, cancellationToken: cancellationToken);
            if (!counter.HasValue)
            {
                return false;
            }

            if (!await RowExistsAsync(accountId, id, cancellationToken))
            {
                // Also where the storage client repeated this transaction after its answer was lost.
                return id < (counter.Value!.GetInt64("Next") ?? 1);
            }

            var count = counter.Value!.GetInt32("Count") ?? 0;
            var newCounter = new TableEntity(accountId, CounterRowKey)
            {
                ["Next"] = counter.Value.GetInt64("Next") ?? 1,
                ["Count"] = Math.Max(0, count - 1),
            };
            try
            {
                await Table.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.UpdateReplace, newCounter, counter.Value.ETag),
                        new(TableTransactionActionType.Delete, new TableEntity(accountId, RowKey(id)), ETag.All),
                        new(TableTransactionActionType.UpsertReplace, new TableEntity(accountId, TombstoneRowKey(id))),
                    ],
                    cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // The counter moved (another create or delete) or the row went meanwhile: look again.
                await Task.Delay(Random.Shared.Next(1, 5 + (attempt * 2)), cancellationToken);
            }
        }

        throw new ConflictException("Too many webhooks were being changed at once; try again.");
    }

    /// <summary>How many subscriptions the account has, as the limit counts them.</summary>
    public async Task<int> CountAsync(string accountId, CancellationToken cancellationToken)
    {
        var counter = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, CounterRowKey, select: ["Count"], cancellationToken: cancellationToken);
        return counter.HasValue ? counter.Value!.GetInt32("Count") ?? 0 : 0;
    }

    /// <summary>
    /// Every webhook, of every account, that may have deliveries: the subscriptions and the
    /// tombstones of deleted ones (a scan of the whole table, keys only, for the retention timer).
    /// </summary>
    public async IAsyncEnumerable<(string AccountId, long Id, bool Deleted)> ListDeliveryOwnersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // w… (subscriptions) then x… (tombstones); the counter row sorts before both.
        var filter = $"RowKey ge '{SubscriptionPrefix}' and RowKey lt 'y'";
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var deleted = row.RowKey.StartsWith(TombstonePrefix, StringComparison.Ordinal);
            yield return (row.PartitionKey, long.Parse(row.RowKey.AsSpan(1), CultureInfo.InvariantCulture), deleted);
        }
    }

    /// <summary>Forgets a deleted webhook once its deliveries are gone.</summary>
    public async Task RemoveTombstoneAsync(string accountId, long id, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(accountId, TombstoneRowKey(id), ETag.All, cancellationToken);

    private static string TombstoneRowKey(long id) => TombstonePrefix + id.ToString("D19", CultureInfo.InvariantCulture);

    private static KeyRange Range(string accountId) => new(accountId, SubscriptionPrefix);

    private async Task<TableEntity?> FindRowAsync(string accountId, long id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, RowKey(id), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task<bool> RowExistsAsync(string accountId, long id, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(accountId, RowKey(id), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>Each parameter is its own property: twenty of them at full length would overflow one property's 64 KiB.</summary>
    private static TableEntity ToEntity(WebhookSubscription subscription)
    {
        var row = new TableEntity(subscription.AccountId, RowKey(subscription.Id))
        {
            ["Name"] = subscription.Name,
            ["Url"] = subscription.Url.OriginalString,
            ["EventTypes"] = string.Join(' ', subscription.EventTypes.Select(WebhookEventTypes.Name)),
            ["IsActive"] = subscription.IsActive,
            ["Target"] = WebhookDefinition.WireName(subscription.Target),
            ["Created"] = subscription.Created,
            ["Updated"] = subscription.Updated,
            ["DisabledReason"] = subscription.DisabledReason,
            ["FailingSince"] = subscription.FailingSince,
            ["Secret"] = subscription.ProtectedSecret,
            ["PreviousSecret"] = subscription.ProtectedPreviousSecret,
            ["PreviousSecretExpires"] = subscription.PreviousSecretExpires,
            ["ParameterCount"] = subscription.Parameters.Count,
        };
        foreach (var parameter in subscription.Parameters)
        {
            row[$"Parameter{parameter.Id}"] = JsonSerializer.Serialize(parameter, SentierJson.Options);
        }

        return row;
    }

    private static WebhookSubscription ToSubscription(TableEntity row)
    {
        var parameters = new List<WebhookParameter>();
        for (var i = 1; i <= (row.GetInt32("ParameterCount") ?? 0); i++)
        {
            parameters.Add(JsonSerializer.Deserialize<WebhookParameter>(row.GetString($"Parameter{i}")!, SentierJson.Options)!);
        }

        return new WebhookSubscription(
            row.PartitionKey,
            long.Parse(row.RowKey.AsSpan(SubscriptionPrefix.Length), CultureInfo.InvariantCulture),
            row.GetString("Name") ?? "",
            new Uri(row.GetString("Url")!),
            [.. (row.GetString("EventTypes") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(WebhookEventTypes.TryParse).OfType<WebhookEventType>()],
            row.GetBoolean("IsActive") ?? false,
            parameters,
            row.GetString("Target") == "zapier" ? WebhookTarget.Zapier : WebhookTarget.Api,
            row.GetDateTimeOffset("Created") ?? default,
            row.GetDateTimeOffset("Updated") ?? default,
            row.GetString("DisabledReason"),
            row.GetString("Secret") ?? "",
            row.GetString("PreviousSecret"),
            row.GetDateTimeOffset("PreviousSecretExpires"))
        {
            ETag = row.ETag,
            FailingSince = row.GetDateTimeOffset("FailingSince"),
        };
    }
}
