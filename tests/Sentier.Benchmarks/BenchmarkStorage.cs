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
}
