using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Sentier.Core.Storage;

/// <summary>Readiness: one round-trip to the table service and one to the queue service.</summary>
public sealed class StorageHealthProbe(TableServiceClient tables, QueueServiceClient queues)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <returns>Null when storage answers, otherwise a description safe to show to an operator.</returns>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await tables.GetTableClient(StorageNames.AccountsTable)
                .GetEntityIfExistsAsync<TableEntity>("health", "probe", select: ["PartitionKey"], cancellationToken: timeout.Token);
            await foreach (var _ in queues.GetQueuesAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Storage did not answer within {Timeout.TotalSeconds:0} seconds.";
        }
        catch (RequestFailedException ex)
        {
            return $"Storage answered {ex.Status} ({ex.ErrorCode}).";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Transport failures surface as AggregateException after the SDK's retries, among others.
            return "Storage cannot be reached.";
        }
    }
}
