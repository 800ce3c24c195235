using Sentier.Testing;

namespace Sentier.Benchmarks;

/// <summary>The Azurite instance scripts/bench.sh starts for this run.</summary>
public static class BenchmarkStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(TestStorage.EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new SetupException(
                $"{TestStorage.EnvironmentVariable} is not set. Run the benchmarks with scripts/bench.sh, which starts Azurite and sets it.");

    /// <summary>
    /// Azurite's process id when scripts/bench.sh started it (<c>SENTIER_BENCH_AZURITE_PID</c>):
    /// Azurite's single event loop is the floor of every storage-bound figure, so its CPU is worth
    /// reporting beside them. Null when run some other way.
    /// </summary>
    public static int? AzuriteProcessId =>
        int.TryParse(Environment.GetEnvironmentVariable("SENTIER_BENCH_AZURITE_PID"), out var pid) && ProcessProbe.Exists(pid) ? pid : null;
}
