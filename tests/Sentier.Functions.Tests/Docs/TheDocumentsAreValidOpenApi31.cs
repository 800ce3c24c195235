using Microsoft.OpenApi;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary>Both documents, as served, read without an error or warning by Microsoft.OpenApi's reader as OpenAPI 3.1.</summary>
public sealed class TheDocumentsAreValidOpenApi31(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task The_reader_finds_no_error()
    {
        var (published, operatorDocument) = await ApiDocuments.FetchAsync(host.Api);
        foreach (var json in new[] { published, operatorDocument })
        {
            var result = OpenApiDocument.Parse(json, "json");

            Assert.NotNull(result.Document);
            Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic!.SpecificationVersion);
            Assert.True(result.Diagnostic.Errors.Count == 0, string.Join("\n", result.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
            Assert.True(result.Diagnostic.Warnings.Count == 0, string.Join("\n", result.Diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}")));
        }
    }
}
