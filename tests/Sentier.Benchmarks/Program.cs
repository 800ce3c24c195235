using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Sentier.Benchmarks;
using Sentier.Benchmarks.Scenarios;

// Usage: dotnet run -c Release -- [scenario ...]   (default: all; scripts/bench.sh provides the storage)
IBenchmarkScenario[] available = [new TokenCheckScenario(), new ImportScenario(), new DeliveryScenario(), new FacebookScenario()];

if (args is ["-h" or "--help" or "help"])
{
    PrintScenarios();
    return ExitCodes.TargetsMet;
}

var unknown = args.Where(a => a != "all" && available.All(s => s.Name != a)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown scenario: {string.Join(", ", unknown)}.");
    PrintScenarios();
    return ExitCodes.SetupFailed;
}

var selected = args.Length == 0 || args.Contains("all") ? available : available.Where(s => args.Contains(s.Name)).ToArray();

// Ctrl-C cancels the run instead of killing the process, so the DevHost child is still stopped.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var total = Stopwatch.StartNew();
Console.WriteLine($"machine: {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}");
Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}, client GC {(GCSettings.IsServerGC ? "server" : "workstation")}" +
    $"{(File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "")}");

var exitCode = ExitCodes.TargetsMet;
try
{
    var storage = BenchmarkStorage.ConnectionString;
    foreach (var scenario in selected)
    {
        Console.WriteLine();
        Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
        if (!await scenario.RunAsync(storage, cancellation.Token))
        {
            exitCode = ExitCodes.TargetMissed;
        }
    }
}
catch (SetupException ex)
{
    Console.Error.WriteLine($"setup failed: {ex.Message}");
    exitCode = ExitCodes.SetupFailed;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    exitCode = ExitCodes.SetupFailed;
}
catch (Exception ex)
{
    // A crash of the harness itself: nothing was measured, so it must not read as "target missed".
    Console.Error.WriteLine($"the harness failed: {ex}");
    exitCode = ExitCodes.SetupFailed;
}

Console.WriteLine();
Console.WriteLine($"total time: {total.Elapsed.TotalSeconds:0.0} s, exit code {exitCode}");
return exitCode;

void PrintScenarios()
{
    Console.WriteLine("scenarios (default: all):");
    foreach (var scenario in available)
    {
        Console.WriteLine($"  {scenario.Name,-16} {scenario.Description}");
    }
}
