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
        var start = new ProcessStartInfo(BicepExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = PathOf("infra"),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline machines: never wait on telemetry or update checks.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep did not finish within 2 minutes.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
