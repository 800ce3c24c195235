using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Sentier.Benchmarks;

/// <summary>
/// The queue part of a delivery floor: the same number of messages a phase sent through each of its
/// queues, each sent, received and deleted through the SDK with nothing else around it. Every hop
/// gets a fresh queue with a producer and a consumer running side by side, as the functions'
/// listeners consume while messages are still being sent; the hops run at the same time, as the
/// functions do. The consumer receives batches as the host does (<c>batchSize</c> per receive) and
/// deletes each batch's messages concurrently.
/// </summary>
public static class QueueFloor
{
    /// <summary>Sends in flight per hop: enough that the producer is not what the consumer waits for.</summary>
    private const int SendConcurrency = 8;

    private static readonly TimeSpan EmptyQueuePause = TimeSpan.FromMilliseconds(10);

    /// <summary>The service's XML envelope around a message's text in a send request, in bytes.</summary>
    public const int EnvelopeBytes = 80;

    /// <param name="hops">Per queue of the measured phase: the messages it sent and their average request body size.</param>
    public static async Task<QueueFloorResult> RunAsync(
        QueueServiceClient queues, IReadOnlyList<QueueHop> hops, int batchSize, ProcessProbe? azurite, CancellationToken cancellationToken)
    {
        var clients = new List<QueueClient>();
        try
        {
            foreach (var _ in hops)
            {
                var queue = queues.GetQueueClient("benchfloor-" + Guid.NewGuid().ToString("N")[..20]);
                await queue.CreateAsync(cancellationToken: cancellationToken);
                clients.Add(queue);
            }

            var meter = PhaseMeter.Start(server: null, azurite);
            var receives = await Task.WhenAll(hops.Select((hop, i) => RunHopAsync(clients[i], hop, batchSize, cancellationToken)));
            return new QueueFloorResult(hops.Sum(hop => hop.Messages), receives.Sum(), meter.Stop());
        }
        catch (RequestFailedException ex)
        {
            throw new SetupException($"The queue floor failed: {ex.Status} {ex.ErrorCode}", ex);
        }
        finally
        {
            foreach (var queue in clients)
            {
                await queue.DeleteIfExistsAsync(CancellationToken.None);
            }
        }
    }

    /// <returns>How many receive calls the consumer made.</returns>
    private static async Task<int> RunHopAsync(QueueClient queue, QueueHop hop, int batchSize, CancellationToken cancellationToken)
    {
        // Base64 of this many bytes, in the SDK's XML envelope, is about as long as the phase's messages.
        var message = new string('m', Math.Max(16, (hop.AverageBodyBytes - EnvelopeBytes) * 3 / 4));
        var sent = -1;
        var producers = Enumerable.Range(0, SendConcurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref sent) < hop.Messages)
            {
                await queue.SendMessageAsync(message, cancellationToken);
            }
        }, cancellationToken)).ToArray();

        var consumed = 0;
        var receives = 0;
        while (consumed < hop.Messages)
        {
            QueueMessage[] batch = (await queue.ReceiveMessagesAsync(batchSize, TimeSpan.FromMinutes(10), cancellationToken)).Value;
            receives++;
            if (batch.Length == 0)
            {
                await Task.Delay(EmptyQueuePause, cancellationToken);
                continue;
            }

            await Task.WhenAll(batch.Select(received => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken)));
            consumed += batch.Length;
        }

        await Task.WhenAll(producers);
        return receives;
    }
}

/// <summary>One queue of a measured phase: the messages sent through it, and their average request body size in bytes.</summary>
public sealed record QueueHop(string Queue, int Messages, int AverageBodyBytes);

public sealed record QueueFloorResult(int Messages, int Receives, PhaseFigures Figures);
