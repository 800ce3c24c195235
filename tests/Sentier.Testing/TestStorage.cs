using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Sentier.Core.Storage;

namespace Sentier.Testing;

/// <summary>
/// The Azurite instance scripts/test.sh starts for this run, named by <c>SENTIER_TEST_STORAGE</c>.
/// Tests never mock storage: they talk to this emulator.
/// </summary>
public static class TestStorage
{
    public const string EnvironmentVariable = "SENTIER_TEST_STORAGE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with scripts/test.sh, which starts Azurite and sets it.");

    public static IConfigurationSection Section =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClientFactory.AppConnection] = ConnectionString })
            .Build()
            .GetSection(StorageClientFactory.AppConnection);

    public static TableServiceClient Tables() => StorageClientFactory.CreateTableServiceClient(Section);

    public static QueueServiceClient Queues() => StorageClientFactory.CreateQueueServiceClient(Section);

    /// <summary>Creates the app's tables, as the app does at startup.</summary>
    public static async Task<TableServiceClient> ReadyTablesAsync()
    {
        var tables = Tables();
        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table);
        }

        return tables;
    }
}
