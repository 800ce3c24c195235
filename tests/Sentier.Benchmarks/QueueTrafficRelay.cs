using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

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
/// Sits between Queue clients and Azurite's queue port and counts their requests by queue and
/// operation, so a scenario can tell how many messages a design sends per delivery without
/// knowing its queues. It forwards bytes untouched; it only reads the request heads as they pass
/// (HTTP/1.1 with Content-Length, which is how the Azure SDK talks to Azurite). Both the DevHost
/// and the floor go through it, so its cost is on both sides of a comparison alike.
/// </summary>
public sealed class QueueTrafficRelay : IAsyncDisposable
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string Queue, QueueOperation Operation), long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _sentBodyBytes = new();
    private readonly Task _accepting;
    private long _unreadable;

    private QueueTrafficRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while waiting for a connection.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            client.NoDelay = true;
            var upstream = new TcpClient { NoDelay = true };
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            _ = RelayAsync(client, upstream);
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient upstream)
    {
        using (client)
        using (upstream)
        {
            try
            {
                await Task.WhenAny(
                    CountRequestsAsync(client.GetStream(), upstream.GetStream()),
                    upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
            }
            catch (Exception)
            {
                // Either side closing ends the relay of this connection.
            }
        }
    }

    /// <summary>Forwards each chunk as it arrives and, beside it, finds the request heads in the stream.</summary>
    private async Task CountRequestsAsync(Stream from, Stream to)
    {
        var buffer = new byte[64 * 1024];
        var head = new MemoryStream();
        long bodyLeft = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            var position = 0;
            while (position < read)
            {
                if (bodyLeft > 0)
                {
                    var skipped = (int)Math.Min(bodyLeft, read - position);
                    bodyLeft -= skipped;
                    position += skipped;
                    continue;
                }

                head.WriteByte(buffer[position++]);
                if (head.Length >= EndOfHead.Length && head.GetBuffer().AsSpan((int)head.Length - EndOfHead.Length, EndOfHead.Length).SequenceEqual(EndOfHead))
                {
                    bodyLeft = Count(Encoding.ASCII.GetString(head.GetBuffer(), 0, (int)head.Length));
                    head.SetLength(0);
                }
            }
        }
    }

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

    /// <summary><c>/{account}/{queue}/messages[/{id}]?…</c>, as the Queue REST API names message operations.</summary>
    public static (string Queue, QueueOperation Operation) Classify(string method, string target)
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
