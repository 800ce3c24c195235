using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sentier.Core.Storage;

/// <summary>
/// Creates the app's tables and queues at startup so a fresh Azurite or storage account works
/// without a setup step (in Azure the infrastructure declares them too; creating an existing one is
/// a cheap no-op). Startup waits for it a bounded time; if storage is down the app still starts,
/// liveness keeps answering, readiness reports the problem, and creation is retried in the background.
/// </summary>
public sealed class StorageInitializer(
    TableServiceClient tables,
    QueueServiceClient queues,
    ILogger<StorageInitializer> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan StartupBudget = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _retries;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(StartupBudget);
        if (await TryCreateAllAsync(budget.Token))
        {
            return;
        }

        _retries = RetryUntilCreatedAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retries is not null)
        {
            await _retries.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryUntilCreatedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(RetryInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stoppingToken.IsCancellationRequested && await TryCreateAllAsync(stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryCreateAllAsync(CancellationToken cancellationToken)
    {
        try
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
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            logger.LogError(ex, "Could not create the app's tables and queues; retrying every {Interval}", RetryInterval);
            return false;
        }
    }
}
