using System.Net;
using Sentier.Testing;

namespace Sentier.Infra.Tests.Docs;

/// <summary>
/// Both API documents, as a DevHost serves them, pass <c>redocly lint</c> with no error and no
/// warning (scripts/redocly.yaml: the strict recommended rules, two named exceptions): a second
/// validator beside Microsoft.OpenApi's reader, which also checks every example against its schema. scripts/test.sh installs
/// the pinned Redocly CLI (scripts/package-lock.json) before the tests run.
/// </summary>
public sealed class TheServedDocumentsPassRedoclyLint : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sentier-openapi-").FullName;

    [Fact]
    public async Task Lint_finds_no_error()
    {
        var redocly = Repository.PathOf("scripts", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: scripts/test.sh installs it (npm ci in scripts/).");
        await using var app = await DevHostServer.StartAsync();
        var published = await SaveAsync(app.Client, "openapi.json", adminKey: null);
        var operatorDocument = await SaveAsync(app.Client, "openapi-admin.json", DevHostServer.AdminKey);

        // Offline machines: no telemetry, no update check.
        var result = Repository.Run(redocly, ["lint", published, operatorDocument, "--config", Repository.PathOf("scripts", "redocly.yaml"), "--format=stylish"], _folder, new Dictionary<string, string>
        {
            ["REDOCLY_TELEMETRY"] = "off",
            ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        });

        Assert.True(result.ExitCode == 0, $"redocly lint exited {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> SaveAsync(HttpClient client, string document, string? adminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, document);
        if (adminKey is not null)
        {
            request.Headers.Add(Functions.Http.ApiEndpoint.AdminKeyHeader, adminKey);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(_folder, document);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }
}
