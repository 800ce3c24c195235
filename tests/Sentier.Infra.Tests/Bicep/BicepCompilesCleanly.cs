using System.Text.RegularExpressions;

namespace Sentier.Infra.Tests.Bicep;

/// <summary>
/// Bicep exits 0 on warnings, so the tests fail on any diagnostic line, not only on the exit code:
/// a typo in a property name is only a warning (BCP089) and would otherwise deploy broken.
/// </summary>
public sealed partial class BicepCompilesCleanly
{
    [Fact]
    public void BuildReportsNoWarningOrError()
    {
        var (exitCode, output) = Repository.RunBicep("build", "main.bicep", "--outfile", Path.Combine(Path.GetTempPath(), $"sentier-main-{Guid.NewGuid():N}.json"));

        Assert.True(exitCode == 0, output);
        Assert.Empty(Diagnostics(output));
    }

    [Fact]
    public void LintReportsNoWarningOrError()
    {
        var (exitCode, output) = Repository.RunBicep("lint", "main.bicep");

        Assert.True(exitCode == 0, output);
        Assert.Empty(Diagnostics(output));
    }

    [Fact]
    public void NoRegistryModulesThatCannotBeRestoredOffline()
    {
        var files = Directory.GetFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.DoesNotContain("br/public:", File.ReadAllText(file), StringComparison.Ordinal));
    }

    private static List<string> Diagnostics(string output) =>
        output.Split('\n').Where(line => DiagnosticLine().IsMatch(line)).ToList();

    [GeneratedRegex(@"\b(Warning|Error)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticLine();
}
