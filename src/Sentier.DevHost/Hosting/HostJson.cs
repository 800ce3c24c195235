using System.Text.Json;

namespace Sentier.DevHost.Hosting;

/// <summary>The parts of host.json the DevHost honours: the HTTP route prefix and the queue options.</summary>
public sealed record HostJson(string RoutePrefix, QueueHostOptions Queues)
{
    public static HostJson Load(string path)
    {
        if (!File.Exists(path))
        {
            return new HostJson("api", new QueueHostOptions());
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var extensions = Property(document.RootElement, "extensions");
        var http = extensions is { } e ? Property(e, "http") : null;
        var queues = extensions is { } x ? Property(x, "queues") : null;
        var routePrefix = http is { } h && Property(h, "routePrefix") is { ValueKind: JsonValueKind.String } prefix
            ? prefix.GetString()!.Trim('/')
            : "api";
        return new HostJson(routePrefix, queues is { } q ? QueueHostOptions.From(q) : new QueueHostOptions());
    }

    internal static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name) || string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}

/// <summary>host.json <c>extensions.queues</c>, with the Functions host's defaults.</summary>
public sealed record QueueHostOptions
{
    public int BatchSize { get; init; } = 16;

    /// <summary>
    /// The next batch is received once no more than this many messages are still running; the
    /// host's default is half a batch per processor.
    /// </summary>
    public int NewBatchThreshold { get; init; } = 16 / 2 * Environment.ProcessorCount;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public bool Base64Messages { get; init; } = true;

    internal static QueueHostOptions From(JsonElement queues)
    {
        var options = new QueueHostOptions();
        if (HostJson.Property(queues, "batchSize") is { ValueKind: JsonValueKind.Number } batch)
        {
            options = options with { BatchSize = Math.Clamp(batch.GetInt32(), 1, 32) };
            options = options with { NewBatchThreshold = options.BatchSize / 2 * Environment.ProcessorCount };
        }

        if (HostJson.Property(queues, "newBatchThreshold") is { ValueKind: JsonValueKind.Number } threshold)
        {
            options = options with { NewBatchThreshold = Math.Max(0, threshold.GetInt32()) };
        }

        if (HostJson.Property(queues, "maxDequeueCount") is { ValueKind: JsonValueKind.Number } dequeue)
        {
            options = options with { MaxDequeueCount = Math.Max(1, dequeue.GetInt32()) };
        }

        if (HostJson.Property(queues, "visibilityTimeout") is { ValueKind: JsonValueKind.String } visibility)
        {
            options = options with { VisibilityTimeout = TimeSpan.Parse(visibility.GetString()!, System.Globalization.CultureInfo.InvariantCulture) };
        }

        if (HostJson.Property(queues, "maxPollingInterval") is { ValueKind: JsonValueKind.String } polling)
        {
            var interval = TimeSpan.Parse(polling.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            options = options with { MaxPollingInterval = interval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : interval };
        }

        if (HostJson.Property(queues, "messageEncoding") is { ValueKind: JsonValueKind.String } encoding)
        {
            options = options with { Base64Messages = !string.Equals(encoding.GetString(), "none", StringComparison.OrdinalIgnoreCase) };
        }

        return options;
    }
}
