namespace Sentier.Benchmarks;

/// <summary>The process exit codes, so scripts/bench.sh can serve as a gate.</summary>
public static class ExitCodes
{
    public const int TargetsMet = 0;

    /// <summary>A target was missed or a response had an unexpected status.</summary>
    public const int TargetMissed = 1;

    /// <summary>The harness could not measure at all (no storage, DevHost did not start, bad arguments).</summary>
    public const int SetupFailed = 2;
}

/// <summary>A failure before measuring starts; reported as <see cref="ExitCodes.SetupFailed"/>.</summary>
public sealed class SetupException(string message, Exception? inner = null) : Exception(message, inner);
