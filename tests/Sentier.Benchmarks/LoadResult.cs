using System.Globalization;

namespace Sentier.Benchmarks;

/// <summary>One load run: every request sent, failed or not, counts in <see cref="Requests"/>.</summary>
public sealed record LoadResult(
    string Name,
    int Requests,
    int Errors,
    TimeSpan Elapsed,
    TimeSpan P50,
    TimeSpan P99,
    string? FirstError,
    TimeSpan ClientCpu)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>
    /// CPU the server process used during the run. On a shared machine this is steadier than the
    /// throughput, because it leaves out the time the server spent waiting for a core.
    /// </summary>
    public TimeSpan? ServerCpu { get; init; }

    public double? ServerCpuMicrosecondsPerRequest => ServerCpu is { } cpu ? PerRequest(cpu) : null;

    /// <summary>The load generator's own CPU: shows when the client, not the server, is the limit.</summary>
    public double ClientCpuMicrosecondsPerRequest => PerRequest(ClientCpu);

    private double PerRequest(TimeSpan cpu) => Requests > 0 ? cpu.TotalMicroseconds / Requests : 0;

    public static void PrintTable(IEnumerable<LoadResult> results)
    {
        const string Row = "{0,-36} {1,9} {2,9} {3,8} {4,8} {5,7} {6,15} {7,15}";
        Console.WriteLine(Row, "kind", "requests", "req/s", "p50 ms", "p99 ms", "errors", "server CPU/req", "client CPU/req");
        foreach (var r in results)
        {
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                Row,
                r.Name,
                r.Requests.ToString("N0", CultureInfo.InvariantCulture),
                r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                r.P50.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.P99.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.Errors,
                r.ServerCpuMicrosecondsPerRequest is { } server ? Microseconds(server) : "-",
                Microseconds(r.ClientCpuMicrosecondsPerRequest)));
        }
    }

    private static string Microseconds(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " µs";
}
