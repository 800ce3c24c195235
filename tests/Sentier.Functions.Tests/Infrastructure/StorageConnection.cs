using Sentier.Testing;

namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>Connection strings derived from the run's Azurite (same account and key).</summary>
public static class StorageConnection
{
    /// <summary>Every endpoint on loopback port 1, where nothing listens.</summary>
    public static string Unreachable() =>
        WithEndpoints(TestStorage.ConnectionString, table: Dead, queue: Dead, blob: Dead);

    private static readonly Uri Dead = new("http://127.0.0.1:1/devstoreaccount1");

    /// <summary>The run's Azurite with a key it does not accept: every request is answered 403.</summary>
    public static string WrongKey()
    {
        var parts = Parse(TestStorage.ConnectionString);
        parts["AccountKey"] = Convert.ToBase64String(new byte[64]);
        return Join(parts);
    }

    public static Uri Endpoint(string connectionString, string name) =>
        new(Parse(connectionString)[name + "Endpoint"]);

    public static string WithEndpoints(string connectionString, Uri? table = null, Uri? queue = null, Uri? blob = null)
    {
        var parts = Parse(connectionString);
        if (table is not null)
        {
            parts["TableEndpoint"] = table.ToString().TrimEnd('/');
        }

        if (queue is not null)
        {
            parts["QueueEndpoint"] = queue.ToString().TrimEnd('/');
        }

        if (blob is not null)
        {
            parts["BlobEndpoint"] = blob.ToString().TrimEnd('/');
        }

        return Join(parts);
    }

    private static string Join(Dictionary<string, string> parts) => string.Join(';', parts.Select(p => $"{p.Key}={p.Value}"));

    private static Dictionary<string, string> Parse(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            parts[part[..equals]] = part[(equals + 1)..];
        }

        return parts;
    }
}
