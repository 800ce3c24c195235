using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;

namespace Sentier.Core.Facebook;

/// <summary>
/// One form to sync: what the poller, the webhook and "sync now" enqueue. The webhook's also names
/// the leads Meta announced, which the sync reads directly, whatever their age; <see cref="Attempt"/>
/// counts the earlier tries of a message sent back with the leads a direct read could not store.
/// </summary>
public sealed record FacebookSyncMessage(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("form_id")] string FormId,
    [property: JsonPropertyName("leads")] IReadOnlyList<AnnouncedLead>? Leads = null,
    [property: JsonPropertyName("attempt")] int Attempt = 0);

/// <summary>A lead a <c>leadgen</c> notification names: its <c>leadgen_id</c> and, when given, its <c>created_time</c> (Unix seconds).</summary>
public sealed record AnnouncedLead(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created_time")] long? CreatedTime);

/// <summary>
/// The <c>facebook-sync</c> queue, through a client from <c>StorageClientFactory</c> (Base64, as the
/// trigger reads messages). Each message is one form, so forms sync in parallel across instances.
/// </summary>
public sealed class FacebookSyncQueue(QueueClient queue)
{
    public QueueClient Queue { get; } = queue;

    /// <summary>A message not taken within a poll interval is superseded by the next poll's.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    /// <summary>The most leads one message names; a notification naming more is split.</summary>
    public const int MaxLeadsPerMessage = 50;

    /// <param name="delay">How long the message stays invisible first; less than <see cref="TimeToLive"/>.</param>
    public async Task SendAsync(FacebookSyncMessage message, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        await Queue.SendMessageAsync(
            BinaryData.FromObjectAsJson(message, JsonSerializerOptions.Web),
            visibilityTimeout: delay,
            timeToLive: TimeToLive,
            cancellationToken: cancellationToken);

    /// <exception cref="JsonException">It is not a sync message.</exception>
    public static FacebookSyncMessage Read(BinaryData body) =>
        body.ToObjectFromJson<FacebookSyncMessage>(JsonSerializerOptions.Web) is { AccountId: { Length: > 0 }, FormId: { Length: > 0 } } message
            ? message
            : throw new JsonException("The queue message names no account and form.");
}
