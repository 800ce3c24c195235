using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sentier.DevHost.Hosting;
using Sentier.DevHost.Tests.Samples;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Hosting;

/// <summary>
/// local.settings.json values reach the DevHost's IConfiguration, but a command-line argument or
/// an environment variable of the same key wins, as under Core Tools.
/// </summary>
public sealed class LocalSettingsRankBelowEnvironmentAndCommandLine
{
    private static TempFile Settings(IReadOnlyDictionary<string, string> values) =>
        new(JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = new Dictionary<string, string>(values) { ["AppStorage"] = TestStorage.ConnectionString, ["Facebook__PollSchedule"] = "0 */5 * * * *" },
        }));

    private static async Task<IConfiguration> BuildConfigurationAsync(params string[] args)
    {
        var app = DevHostApplication.Build([.. args, "--urls", "http://127.0.0.1:0"]);
        await using (app)
        {
            var configuration = app.Services.GetRequiredService<IConfiguration>();
            // Copy before the app is disposed.
            return new ConfigurationBuilder().AddInMemoryCollection(configuration.AsEnumerable()).Build();
        }
    }

    [Fact]
    public async Task FileValuesAreVisible()
    {
        using var file = Settings(new Dictionary<string, string> { ["Sentier__TokenCacheSeconds"] = "30", ["Custom__Nested__Key"] = "v" });

        var configuration = await BuildConfigurationAsync("--settings", file.Path);

        Assert.Equal("30", configuration["Sentier:TokenCacheSeconds"]);
        Assert.Equal("v", configuration["Custom:Nested:Key"]);
        Assert.Equal(TestStorage.ConnectionString, configuration["AppStorage"]);
    }

    [Fact]
    public async Task CommandLineWins()
    {
        using var file = Settings(new Dictionary<string, string> { ["Sentier__TokenCacheSeconds"] = "30" });

        var configuration = await BuildConfigurationAsync("--settings", file.Path, "--Sentier:TokenCacheSeconds", "7");

        Assert.Equal("7", configuration["Sentier:TokenCacheSeconds"]);
    }

    [Fact]
    public async Task EnvironmentVariableWins()
    {
        // A key no other test uses: environment variables are process-wide.
        var section = "DevHostTestProbe" + Guid.NewGuid().ToString("N");
        using var file = Settings(new Dictionary<string, string> { [$"{section}__Value"] = "from-file", [$"{section}__Other"] = "file-only" });
        Environment.SetEnvironmentVariable($"{section}__Value", "from-environment");
        try
        {
            var configuration = await BuildConfigurationAsync("--settings", file.Path);

            Assert.Equal("from-environment", configuration[$"{section}:Value"]);
            Assert.Equal("file-only", configuration[$"{section}:Other"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{section}__Value", null);
        }
    }

    [Fact]
    public async Task WebApplicationReadsTheSameValues()
    {
        using var file = Settings(new Dictionary<string, string> { ["Sentier__AdminKey"] = "file-admin-key" });

        var app = DevHostApplication.Build(["--settings", file.Path, "--urls", "http://127.0.0.1:0"]);
        await using (app)
        {
            Assert.Equal("file-admin-key", app.Configuration["Sentier:AdminKey"]);
        }
    }
}
