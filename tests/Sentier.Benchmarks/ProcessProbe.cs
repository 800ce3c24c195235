using System.Diagnostics;
using System.Globalization;

namespace Sentier.Benchmarks;

/// <summary>
/// CPU and memory of another process (the DevHost, Azurite), read from <c>/proc</c>. Linux only,
/// like the rest of the harness: memory reads answer null elsewhere rather than failing the run.
/// </summary>
public sealed class ProcessProbe(int processId)
{
    public int ProcessId => processId;

    public static bool Exists(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>User plus system CPU the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory now (<c>VmRSS</c>), in bytes.</summary>
    public long? ResidentBytes => ReadStatusKilobytes("VmRSS:") * 1024;

    /// <summary>The highest resident memory since the start or the last <see cref="TryResetPeak"/> (<c>VmHWM</c>), in bytes.</summary>
    public long? PeakResidentBytes => ReadStatusKilobytes("VmHWM:") * 1024;

    /// <summary>
    /// Starts <see cref="PeakResidentBytes"/> afresh from the current resident size (writing 5 to
    /// <c>clear_refs</c>), so the peak covers one phase rather than the process's whole life.
    /// </summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Samples the resident size until disposed; the kernel's own peak can miss nothing, this shows when it was reached.</summary>
    public ResidentSampler SampleResident(TimeSpan interval) => new(this, interval);

    private long? ReadStatusKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var number = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(number, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or the process is gone.
        }

        return null;
    }

    public sealed class ResidentSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public ResidentSampler(ProcessProbe probe, TimeSpan interval)
        {
            _loop = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(interval);
                do
                {
                    if (probe.ResidentBytes is { } bytes && bytes > MaxBytes)
                    {
                        MaxBytes = bytes;
                    }
                }
                while (await WaitAsync(timer));
            });
        }

        public long MaxBytes { get; private set; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }

        private async Task<bool> WaitAsync(PeriodicTimer timer)
        {
            try
            {
                return await timer.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
