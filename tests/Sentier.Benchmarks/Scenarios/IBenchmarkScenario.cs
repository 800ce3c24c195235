namespace Sentier.Benchmarks.Scenarios;

public interface IBenchmarkScenario
{
    /// <summary>The command-line name, e.g. <c>token-check</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Measures and prints its figures.</summary>
    /// <returns>True when the scenario met its target without errors.</returns>
    /// <exception cref="SetupException">The scenario could not be measured.</exception>
    Task<bool> RunAsync(string storageConnectionString, CancellationToken cancellationToken);
}
