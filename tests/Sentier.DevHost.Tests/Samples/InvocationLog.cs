using System.Collections.Concurrent;

namespace Sentier.DevHost.Tests.Samples;

/// <summary>Thread-safe record of how often a sample function ran for each key (message body, run id, …).</summary>
public sealed class InvocationLog
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <returns>How many times <paramref name="key"/> has now been recorded, this call included.</returns>
    public int Record(string key) => _counts.AddOrUpdate(key, 1, (_, count) => count + 1);

    public int Count(string key) => _counts.TryGetValue(key, out var count) ? count : 0;
}
