using System.Diagnostics;
using System.Globalization;

namespace Sentier.Benchmarks;

/// <summary>
/// Wall time of one phase and the CPU each process spent in it: this harness, the DevHost and
/// Azurite. On two shared cores, with Azurite's single event loop as the storage floor, the split
/// shows which of the three a phase waited for.
/// </summary>
public sealed class PhaseMeter
{
    private readonly ProcessProbe? _server;
    private readonly ProcessProbe? _azurite;
    private readonly long _started;
    private readonly TimeSpan _clientCpu;
    private readonly TimeSpan? _serverCpu;
    private readonly TimeSpan? _azuriteCpu;

    private PhaseMeter(ProcessProbe? server, ProcessProbe? azurite)
    {
        _server = server;
        _azurite = azurite;
        _clientCpu = Environment.CpuUsage.TotalTime;
        _serverCpu = server?.CpuTime;
        _azuriteCpu = azurite?.CpuTime;
        _started = Stopwatch.GetTimestamp();
    }

    public static PhaseMeter Start(ProcessProbe? server, ProcessProbe? azurite) => new(server, azurite);

    public PhaseFigures Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        return new PhaseFigures(
            elapsed,
            Environment.CpuUsage.TotalTime - _clientCpu,
            _server?.CpuTime - _serverCpu,
            _azurite?.CpuTime - _azuriteCpu);
    }
}

/// <summary>What <see cref="PhaseMeter"/> measured; CPU as a share of one core over the phase.</summary>
public sealed record PhaseFigures(TimeSpan Elapsed, TimeSpan ClientCpu, TimeSpan? ServerCpu, TimeSpan? AzuriteCpu)
{
    public string CpuSummary() => string.Join(", ", new[]
    {
        Share("Azurite", AzuriteCpu),
        Share("DevHost", ServerCpu),
        Share("harness", ClientCpu),
    }.OfType<string>());

    private string? Share(string name, TimeSpan? cpu) =>
        cpu is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"{name} {value.TotalSeconds / Elapsed.TotalSeconds * 100:0}%")
            : null;
}
