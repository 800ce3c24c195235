using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sentier.Core.Storage;

/// <summary>
/// Creates the app's tables and queues at startup so a fresh Azurite or storage account works
/// without a setup step. In Azure the infrastructure declares them too; creating an existing one
/// is a cheap no-op.
/// </summary>
public sealed class StorageInitializer(
    TableServiceClient tables,
    QueueServiceClient queues,
    ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        logger.LogInformation("Storage ready: {TableCount} tables, {QueueCount} queues", StorageNames.Tables.Count, StorageNames.Queues.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
