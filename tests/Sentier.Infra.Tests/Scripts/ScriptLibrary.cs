namespace Sentier.Infra.Tests.Scripts;

/// <summary>Calls the functions of scripts/lib.sh, the helpers start.sh and test.sh share: one bash per call.</summary>
internal static class ScriptLibrary
{
    public static ProcessResult Run(string function, params string[] arguments) =>
        Repository.Run(
            "bash",
            ["-c", "source \"$0\" && \"$@\"", Repository.PathOf("scripts", "lib.sh"), function, .. arguments],
            Repository.Root);

    /// <summary>Runs a function that must succeed and returns what it printed, trimmed.</summary>
    public static string Call(string function, params string[] arguments)
    {
        var result = Run(function, arguments);
        Assert.True(result.ExitCode == 0, $"{function} exited with {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
