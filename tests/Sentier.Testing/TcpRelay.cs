using System.Net;
using System.Net.Sockets;

namespace Sentier.Testing;

/// <summary>
/// Forwards TCP connections from a loopback port to another loopback port until it is stopped;
/// stopping closes the port and every relayed connection, as a storage outage would (or, seen from
/// the target, as if every client had exited). An observer may watch the bytes clients send.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Func<Action<ReadOnlyMemory<byte>>>? _newObserver;
    private readonly Task _accepting;

    private TcpRelay(int targetPort, Func<Action<ReadOnlyMemory<byte>>>? newObserver)
    {
        _targetPort = targetPort;
        _newObserver = newObserver;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <param name="newObserver">
    /// Called for each connection; what it returns sees, in order, every chunk that connection's
    /// client sends, after it has been forwarded.
    /// </param>
    public static TcpRelay Start(int targetPort, Func<Action<ReadOnlyMemory<byte>>>? newObserver = null) => new(targetPort, newObserver);

    /// <summary>The same URI with its host and port replaced by this relay's.</summary>
    public Uri Redirect(Uri target) => new UriBuilder(target) { Host = "127.0.0.1", Port = Port }.Uri;

    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a connection.
        }
        catch (SocketException)
        {
            // The listener was closed under the pending accept.
        }
        catch (ObjectDisposedException)
        {
            // Same, on some platforms.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var upstream = new TcpClient();
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

            lock (_connections)
            {
                if (_stop.IsCancellationRequested)
                {
                    client.Dispose();
                    upstream.Dispose();
                    return;
                }

                _connections.Add(client);
                _connections.Add(upstream);
            }

            _ = PumpAsync(client, upstream);
        }
    }

    private async Task PumpAsync(TcpClient client, TcpClient upstream)
    {
        try
        {
            var clientStream = client.GetStream();
            var upstreamStream = upstream.GetStream();
            await Task.WhenAny(
                _newObserver is { } newObserver
                    ? ForwardObservedAsync(clientStream, upstreamStream, newObserver())
                    : clientStream.CopyToAsync(upstreamStream, _stop.Token),
                upstreamStream.CopyToAsync(clientStream, _stop.Token));
        }
        catch (Exception)
        {
            // Either side closing ends the relay of this connection.
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(client);
                _connections.Remove(upstream);
            }

            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task ForwardObservedAsync(Stream from, Stream to, Action<ReadOnlyMemory<byte>> observe)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            observe(buffer.AsMemory(0, read));
        }
    }
}
