using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;

namespace Sentier.Core.Facebook;

/// <summary>One form to sync: what the poller, the webhook and "sync now" enqueue.</summary>
public sealed record FacebookSyncMessage(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("form_id")] string FormId);

/// <summary>
/// The <c>facebook-sync</c> queue, through a client from <c>StorageClientFactory</c> (Base64, as the
/// trigger reads messages). Each message is one form, so forms sync in parallel across instances.
/// </summary>
public sealed class FacebookSyncQueue(QueueClient queue)
{
    public QueueClient Queue { get; } = queue;

    /// <summary>A message not taken within a poll interval is superseded by the next poll's.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    /// <param name="delay">How long the message stays invisible first; less than <see cref="TimeToLive"/>.</param>
    public async Task SendAsync(string accountId, string formId, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        await Queue.SendMessageAsync(
            BinaryData.FromObjectAsJson(new FacebookSyncMessage(accountId, formId), JsonSerializerOptions.Web),
            visibilityTimeout: delay,
            timeToLive: TimeToLive,
            cancellationToken: cancellationToken);

    /// <exception cref="JsonException">It is not a sync message.</exception>
    public static FacebookSyncMessage Read(BinaryData body) =>
        body.ToObjectFromJson<FacebookSyncMessage>(JsonSerializerOptions.Web) is { AccountId: { Length: > 0 }, FormId: { Length: > 0 } } message
            ? message
            : throw new JsonException("The queue message names no account and form.");
}
