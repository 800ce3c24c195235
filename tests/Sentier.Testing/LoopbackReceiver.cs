using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sentier.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port chosen by the OS) standing in for a webhook
/// receiver: it records every request and answers with the test's handler (200 and no body by default).
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private LoopbackReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary><c>http://127.0.0.1:{port}/hook</c>.</summary>
    public Uri Url { get; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary><c>http://127.0.0.1:{port}/hook</c> on a port nothing listens on (bound and released here): a receiver that is down.</summary>
    public static Uri ClosedUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/hook");
    }

    public static async Task<LoopbackReceiver> StartAsync(Func<HttpContext, Task>? respond = null)
    {
        LoopbackReceiver? receiver = null;
        var (app, address) = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver!._requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            if (respond is not null)
            {
                await respond(context);
            }
        });
        receiver = new LoopbackReceiver(app, new Uri(address, "/hook"));
        return receiver;
    }

    /// <summary>Requests a test left hanging (slow receivers) are not waited for.</summary>
    public async ValueTask DisposeAsync() => await LoopbackServer.StopAsync(_app);
}

/// <summary>One request as the receiver saw it: header names are case-insensitive, the body is the raw bytes.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body);
