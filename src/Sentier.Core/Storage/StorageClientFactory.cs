using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Sentier.Core.Storage;

/// <summary>
/// Builds storage clients from a Functions-style connection section, the same one a
/// <c>QueueTrigger(Connection = AppConnection)</c> reads: either a connection string as the section's
/// value, or <c>tableServiceUri</c>/<c>queueServiceUri</c> with <c>credential=managedidentity</c>
/// and an optional <c>clientId</c>. Microsoft.Extensions.Azure does not understand the latter keys.
/// </summary>
public static class StorageClientFactory
{
    /// <summary>
    /// The connection of the app's tables and queues. The Functions host resolves a trigger's
    /// connection <c>X</c> as <c>AzureWebJobsX</c> first and <c>X</c> only without it, so this name
    /// must not be one that <c>AzureWebJobs</c> + name turns into a setting of the host's own
    /// (<c>Storage</c> would read <c>AzureWebJobsStorage</c>).
    /// </summary>
    public const string AppConnection = "AppStorage";

    public static TableServiceClient CreateTableServiceClient(IConfigurationSection section) =>
        section.Value is { Length: > 0 } connectionString
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(RequiredUri(section, "tableServiceUri"), CreateCredential(section));

    /// <summary>Base64 messages: the Functions host reads and writes them so, and producers must match.</summary>
    public static QueueServiceClient CreateQueueServiceClient(IConfigurationSection section) =>
        CreateQueueServiceClient(section, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static QueueServiceClient CreateQueueServiceClient(IConfigurationSection section, QueueClientOptions options) =>
        section.Value is { Length: > 0 } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(RequiredUri(section, "queueServiceUri"), CreateCredential(section), options);

    private static Uri RequiredUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException(
                $"Storage is not configured: set '{section.Path}' to a connection string, or '{section.Path}__{key}' to the service URI.");

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        var wantsManagedIdentity = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase);
        if (wantsManagedIdentity)
        {
            return string.IsNullOrEmpty(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        // A developer pointing the app at a real account signs in with their own identity.
        return new DefaultAzureCredential();
    }
}
