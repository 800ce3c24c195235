using System.Net;
using System.Text.RegularExpressions;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary>
/// <c>docs</c> is a page whose every file this app serves itself, from the package it was built
/// with (no other host is named), each with its content type and caching, and that points Swagger
/// UI at the document served beside it.
/// </summary>
public sealed partial class TheReferencePageIsServedByTheApp(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [GeneratedRegex("""(?:src|href)="([^"]+)"|url\(([^)]+)\)""")]
    private static partial Regex Reference();

    [Theory]
    [InlineData("docs", "/api/docs/")]
    [InlineData("docs/", "/api/docs/")]
    [InlineData("/API/Docs", "/API/Docs/")]
    public async Task The_page_loads_its_files_from_beneath_itself(string path, string expectedBase)
    {
        var page = await host.Api.GetAsync(path);

        ApiAssert.Status(HttpStatusCode.OK, page);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Equal("no-cache", page.Header("Cache-Control"));
        Assert.Equal("nosniff", page.Header("X-Content-Type-Options"));
        Assert.Contains("script-src 'self'", page.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains($"<base href=\"{expectedBase}\">", page.Body, StringComparison.Ordinal);
        var files = Reference().Matches(page.Body).Select(match => match.Groups[1].Value).ToList();
        Assert.Contains(files, file => file.StartsWith("swagger-ui-bundle.js?v=", StringComparison.Ordinal));
        Assert.All(files, file => Assert.DoesNotContain("//", file, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("swagger-ui-bundle.js", "text/javascript; charset=utf-8", "SwaggerUIBundle")]
    [InlineData("swagger-ui.css", "text/css; charset=utf-8", ".swagger-ui")]
    [InlineData("favicon-32x32.png", "image/png", "PNG")]
    [InlineData("reference.js", "text/javascript; charset=utf-8", "../openapi.json")]
    public async Task Each_file_has_its_type_and_caching(string file, string contentType, string content)
    {
        var response = await host.Api.GetAsync("docs/" + file);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(contentType, response.ContentType);
        Assert.Equal("public, max-age=31536000, immutable", response.Header("Cache-Control"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Contains(content, response.Body, StringComparison.Ordinal);
    }

    /// <summary>Files are kept for a year, so the page must name a new address whenever a file changes.</summary>
    [Fact]
    public async Task The_page_names_each_file_by_a_hash_of_its_content()
    {
        var page = await host.Api.GetAsync("docs");
        // Beside the <base href> of the page's own folder.
        var files = Reference().Matches(page.Body).Select(match => match.Groups[1].Value).Where(file => !file.EndsWith('/')).ToList();

        Assert.Equal(4, files.Count);
        foreach (var file in files)
        {
            var version = Assert.Single(Regex.Matches(file, "\\?v=([0-9a-f]{16})$")).Groups[1].Value;
            using var response = await host.Api.Http.GetAsync("docs/" + file);
            var served = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(served))[..16], version);
        }
    }

    [Fact]
    public async Task The_page_names_no_other_host()
    {
        var page = await host.Api.GetAsync("docs");
        var script = await host.Api.GetAsync("docs/reference.js");

        Assert.DoesNotContain("http", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", script.Body, StringComparison.OrdinalIgnoreCase);
    }
}
