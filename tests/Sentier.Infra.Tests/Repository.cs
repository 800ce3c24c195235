using System.Diagnostics;
using System.Reflection;

namespace Sentier.Infra.Tests;

/// <summary>Paths of the repository and the Bicep compiler restored from NuGet, as the build recorded them.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string BicepExecutable { get; } = Metadata("BicepPath");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Runs the Bicep CLI and returns its exit code with everything it printed.</summary>
    public static (int ExitCode, string Output) RunBicep(params string[] arguments)
    {
        // Offline machines: never wait on telemetry or update checks.
        var result = Run(BicepExecutable, arguments, PathOf("infra"), new Dictionary<string, string> { ["BICEP_TELEMETRY_ENABLED"] = "false" });
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>Runs a program to its end (at most two minutes) and returns what it printed.</summary>
    public static ProcessResult Run(
        string executable,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} did not finish within 2 minutes.");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
