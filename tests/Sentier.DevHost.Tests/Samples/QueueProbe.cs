using Azure.Storage.Queues;

namespace Sentier.DevHost.Tests.Samples;

public static class QueueProbe
{
    /// <summary>All messages, visible or not: a message a function holds still counts.</summary>
    public static async Task<int> CountAsync(this QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>The bodies of the visible messages, up to 32, decoded by the client's encoding.</summary>
    public static async Task<IReadOnlyList<string>> PeekBodiesAsync(this QueueClient queue) =>
        [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString())];
}
