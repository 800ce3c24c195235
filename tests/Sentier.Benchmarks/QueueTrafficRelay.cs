using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Sentier.Testing;

namespace Sentier.Benchmarks;

/// <summary>What a Queue service request does to messages.</summary>
public enum QueueOperation
{
    Send,
    Receive,
    Delete,

    /// <summary>A visibility change: how the host releases a failed message.</summary>
    Update,

    /// <summary>Queue management, peeks, properties.</summary>
    Other,
}

/// <summary>
/// Sits between Queue clients and Azurite's queue port (a <see cref="TcpRelay"/>) and counts their
/// requests by queue and operation, so a scenario can tell how many messages a design sends per
/// delivery without knowing its queues. It forwards bytes untouched and only reads the request heads
/// as they pass (HTTP/1.1 with Content-Length, which is how the Azure SDK talks to Azurite). Both the
/// DevHost and the floor go through it, so its cost is on both sides of a comparison alike.
/// </summary>
public sealed class QueueTrafficRelay : IAsyncDisposable
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly TcpRelay _relay;
    private readonly ConcurrentDictionary<(string Queue, QueueOperation Operation), long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _sentBodyBytes = new();
    private long _unreadable;

    private QueueTrafficRelay(int targetPort)
    {
        _relay = TcpRelay.Start(targetPort, () => new RequestHeads(this).Observe);
    }

    public int Port => _relay.Port;

    /// <summary>Starts relaying to the queue endpoint of <paramref name="connectionString"/>.</summary>
    /// <returns>The relay, and the connection string with its queue endpoint moved to the relay.</returns>
    public static (QueueTrafficRelay Relay, string ConnectionString) Start(string connectionString)
    {
        const string Key = "QueueEndpoint=";
        var parts = connectionString.Split(';');
        var index = Array.FindIndex(parts, part => part.StartsWith(Key, StringComparison.OrdinalIgnoreCase));
        if (index < 0 || !Uri.TryCreate(parts[index][Key.Length..], UriKind.Absolute, out var endpoint) || !IPAddress.TryParse(endpoint.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new SetupException("The storage connection string names no loopback QueueEndpoint to count queue traffic on; run the benchmarks with scripts/bench.sh.");
        }

        var relay = new QueueTrafficRelay(endpoint.Port);
        parts[index] = Key + new UriBuilder(endpoint) { Port = relay.Port }.Uri.ToString().TrimEnd('/');
        return (relay, string.Join(';', parts));
    }

    /// <summary>The counts so far; subtract an earlier one to get a phase's.</summary>
    public QueueTraffic Snapshot() => new(
        new Dictionary<(string, QueueOperation), long>(_requests),
        new Dictionary<string, long>(_sentBodyBytes),
        Interlocked.Read(ref _unreadable));

    public ValueTask DisposeAsync() => _relay.DisposeAsync();

    /// <returns>The request's body length, to skip.</returns>
    private long Count(string head)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        long contentLength = 0;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
            {
                // Not something the SDK sends to queues; the counts would be lost from here on.
                Interlocked.Increment(ref _unreadable);
            }
        }

        if (requestLine.Length < 2)
        {
            Interlocked.Increment(ref _unreadable);
            return contentLength;
        }

        var (queue, operation) = Classify(requestLine[0], requestLine[1]);
        _requests.AddOrUpdate((queue, operation), 1, (_, count) => count + 1);
        if (operation == QueueOperation.Send)
        {
            _sentBodyBytes.AddOrUpdate(queue, contentLength, (_, bytes) => bytes + contentLength);
        }

        return contentLength;
    }

    /// <summary>One connection's requests: finds each head in the byte stream and skips its body.</summary>
    private sealed class RequestHeads(QueueTrafficRelay counts)
    {
        private readonly MemoryStream _head = new();
        private long _bodyLeft;

        public void Observe(ReadOnlyMemory<byte> chunk)
        {
            var bytes = chunk.Span;
            var position = 0;
            while (position < bytes.Length)
            {
                if (_bodyLeft > 0)
                {
                    var skipped = (int)Math.Min(_bodyLeft, bytes.Length - position);
                    _bodyLeft -= skipped;
                    position += skipped;
                    continue;
                }

                _head.WriteByte(bytes[position++]);
                if (_head.Length >= EndOfHead.Length && _head.GetBuffer().AsSpan((int)_head.Length - EndOfHead.Length, EndOfHead.Length).SequenceEqual(EndOfHead))
                {
                    _bodyLeft = counts.Count(Encoding.ASCII.GetString(_head.GetBuffer(), 0, (int)_head.Length));
                    _head.SetLength(0);
                }
            }
        }
    }

    /// <summary><c>/{account}/{queue}/messages[/{id}]?…</c>, as the Queue REST API names message operations.</summary>
    private static (string Queue, QueueOperation Operation) Classify(string method, string target)
    {
        var path = target.Split('?', 2)[0].Trim('/').Split('/');
        var query = target.Contains('?', StringComparison.Ordinal) ? target.Split('?', 2)[1] : "";
        if (path.Length < 3 || path[2] != "messages")
        {
            return (path.Length >= 2 ? path[1] : "", QueueOperation.Other);
        }

        var queue = path[1];
        var onOneMessage = path.Length >= 4;
        return (method, onOneMessage) switch
        {
            ("POST", false) => (queue, QueueOperation.Send),
            ("GET", false) when !query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => (queue, QueueOperation.Receive),
            ("DELETE", true) => (queue, QueueOperation.Delete),
            ("PUT", true) => (queue, QueueOperation.Update),
            _ => (queue, QueueOperation.Other),
        };
    }
}

/// <summary>Queue requests counted by <see cref="QueueTrafficRelay"/>.</summary>
public sealed record QueueTraffic(
    IReadOnlyDictionary<(string Queue, QueueOperation Operation), long> Requests,
    IReadOnlyDictionary<string, long> SentBodyBytes,
    long Unreadable)
{
    public IEnumerable<string> Queues => Requests.Keys.Select(key => key.Queue).Distinct().Order(StringComparer.Ordinal);

    public long Count(string queue, QueueOperation operation) => Requests.GetValueOrDefault((queue, operation));

    public long Total(QueueOperation operation) => Requests.Where(entry => entry.Key.Operation == operation).Sum(entry => entry.Value);

    /// <summary>What happened between <paramref name="before"/> and this snapshot.</summary>
    public QueueTraffic Since(QueueTraffic before) => new(
        Requests.ToDictionary(entry => entry.Key, entry => entry.Value - before.Requests.GetValueOrDefault(entry.Key)),
        SentBodyBytes.ToDictionary(entry => entry.Key, entry => entry.Value - before.SentBodyBytes.GetValueOrDefault(entry.Key)),
        Unreadable - before.Unreadable);
}
