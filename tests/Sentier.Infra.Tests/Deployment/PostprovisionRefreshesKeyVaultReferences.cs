using System.Text.RegularExpressions;

namespace Sentier.Infra.Tests.Deployment;

/// <summary>
/// App Service fetches Key Vault references again only on a configuration change (or after 24 h),
/// not on a restart, and the provision may have resolved them before the app's Key Vault role
/// existed. So each hook changes an app setting after it has written the secrets. The posix hook
/// runs here against a stand-in <c>az</c> that records its calls; it also keeps the generated
/// secrets out of every command line.
/// </summary>
public sealed partial class PostprovisionRefreshesKeyVaultReferences : IDisposable
{
    private const string RefreshSetting = "Sentier__SecretsRefreshedAt=";

    private readonly string _bin = Directory.CreateTempSubdirectory("sentier-fake-az-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_posix_hook_changes_a_setting_after_writing_the_secrets(bool secretsExist)
    {
        var calls = RunPosixHook(secretsExist);

        var writes = calls.Select((call, index) => (call, index)).Where(c => c.call.StartsWith("keyvault secret set ", StringComparison.Ordinal)).ToList();
        var change = Assert.Single(calls, call => call.StartsWith("functionapp config appsettings set ", StringComparison.Ordinal));
        Assert.Equal(secretsExist ? 0 : 2, writes.Count);
        Assert.True(writes.All(write => write.index < calls.IndexOf(change)), string.Join('\n', calls));
        Assert.Contains("--resource-group rg-test --name func-test --settings " + RefreshSetting, change, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, call => call.StartsWith("functionapp restart", StringComparison.Ordinal));
    }

    [Fact]
    public void The_posix_hook_sends_the_secrets_on_standard_input_only()
    {
        var calls = RunPosixHook(secretsExist: false);

        var secrets = calls.Where(call => call.StartsWith("stdin: ", StringComparison.Ordinal)).Select(call => call["stdin: ".Length..]).ToList();
        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, secret => Assert.Matches(HexKey(), secret));
        Assert.Equal(2, secrets.Distinct().Count());
        Assert.DoesNotContain(calls, call => !call.StartsWith("stdin: ", StringComparison.Ordinal) && secrets.Any(secret => call.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_windows_hook_changes_a_setting_after_writing_the_secrets()
    {
        var script = File.ReadAllText(Repository.PathOf("infra", "hooks", "postprovision.ps1"));

        var lastWrite = script.LastIndexOf("Ensure-Secret 'sentier-", StringComparison.Ordinal);
        var change = script.IndexOf("az functionapp config appsettings set ", StringComparison.Ordinal);
        Assert.True(lastWrite > 0 && change > lastWrite, "postprovision.ps1 must change an app setting after Ensure-Secret.");
        Assert.Contains(RefreshSetting, script[change..], StringComparison.Ordinal);
        Assert.DoesNotContain("functionapp restart", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_windows_hook_passes_the_secrets_in_a_file_it_removes()
    {
        var script = File.ReadAllText(Repository.PathOf("infra", "hooks", "postprovision.ps1"));

        var set = script[script.IndexOf("az keyvault secret set ", StringComparison.Ordinal)..];
        set = set[..set.IndexOf('\n')];
        Assert.DoesNotContain("--value", set, StringComparison.Ordinal);
        Assert.Contains("--file $file.FullName", set, StringComparison.Ordinal);
        Assert.Contains("Remove-Item -LiteralPath $file.FullName", script, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    /// <summary>Runs postprovision.sh with a stand-in az first on PATH and returns the calls it made, in order.</summary>
    private List<string> RunPosixHook(bool secretsExist)
    {
        var log = Path.Combine(_bin, "calls.log");
        var az = Path.Combine(_bin, "az");
        File.WriteAllText(az, """
            #!/bin/sh
            printf '%s\n' "$*" >> "$FAKE_AZ_LOG"
            case "$1 $2 $3" in
              "keyvault secret show") [ "$FAKE_AZ_SECRETS_EXIST" = true ] ;;
              "keyvault secret set") printf 'stdin: %s\n' "$(cat)" >> "$FAKE_AZ_LOG" ;;
            esac
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var result = Repository.Run("sh", [Repository.PathOf("infra", "hooks", "postprovision.sh")], Repository.Root, new Dictionary<string, string>
        {
            ["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["FAKE_AZ_LOG"] = log,
            ["FAKE_AZ_SECRETS_EXIST"] = secretsExist ? "true" : "false",
            ["AZURE_KEY_VAULT_NAME"] = "kv-test",
            ["AZURE_RESOURCE_GROUP"] = "rg-test",
            ["AZURE_FUNCTION_APP_NAME"] = "func-test",
        });

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("configreferences/appsettings", result.StandardOutput, StringComparison.Ordinal);
        return [.. File.ReadAllLines(log)];
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexKey();
}
