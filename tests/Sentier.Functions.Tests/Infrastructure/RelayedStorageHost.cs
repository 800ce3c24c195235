using Sentier.Testing;

namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>
/// A DevHost whose table and queue traffic passes through <see cref="TcpRelay"/>s to the run's
/// Azurite, so a test can take storage away after the host has started.
/// </summary>
public sealed class RelayedStorageHost : IAsyncDisposable
{
    private readonly TcpRelay _tables;
    private readonly TcpRelay _queues;

    private RelayedStorageHost(TcpRelay tables, TcpRelay queues, DevHostServer server)
    {
        _tables = tables;
        _queues = queues;
        Server = server;
    }

    public DevHostServer Server { get; }

    public ApiClient Api => new(Server.Client);

    public static async Task<RelayedStorageHost> StartAsync()
    {
        var storage = TestStorage.ConnectionString;
        var tableEndpoint = StorageConnection.Endpoint(storage, "Table");
        var queueEndpoint = StorageConnection.Endpoint(storage, "Queue");
        var tables = TcpRelay.Start(tableEndpoint.Port);
        var queues = TcpRelay.Start(queueEndpoint.Port);
        try
        {
            var relayed = StorageConnection.WithEndpoints(storage, table: tables.Redirect(tableEndpoint), queue: queues.Redirect(queueEndpoint));
            var server = await DevHostServer.StartAsync(new Dictionary<string, string> { ["AppStorage"] = relayed });
            return new RelayedStorageHost(tables, queues, server);
        }
        catch
        {
            await tables.DisposeAsync();
            await queues.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the relays' ports and every connection through them.</summary>
    public async Task CutStorageAsync()
    {
        await _tables.StopAsync();
        await _queues.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _tables.DisposeAsync();
        await _queues.DisposeAsync();
    }
}
