using Azure;
using Azure.Data.Tables;

namespace Sentier.Core.Storage;

/// <summary>The read-modify-write step the stores share: replace a row only as it was read.</summary>
public static class OptimisticReplace
{
    /// <returns>The row's new ETag, or null when another writer changed or removed it since <paramref name="readAs"/> (read again).</returns>
    public static async Task<ETag?> TryReplaceAsync(this TableClient table, TableEntity row, ETag readAs, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(row, readAs, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }
}
