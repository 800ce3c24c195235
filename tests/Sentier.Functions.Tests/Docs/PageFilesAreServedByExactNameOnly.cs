using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Docs;

/// <summary>
/// A file of the reference page is found by its exact name among the few the page loads: a path
/// that climbs out of the folder, a resource of the package the page does not load, or any other
/// name is a JSON 404, never another file.
/// </summary>
public sealed class PageFilesAreServedByExactNameOnly(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    [Theory]
    [InlineData("docs/..%2Fopenapi.json")]
    [InlineData("docs/..%2F..%2Fhost.json")]
    [InlineData("docs/%2e%2e%2fhost.json")]
    [InlineData("docs/..%5Chost.json")]
    [InlineData("docs/%2Fetc%2Fpasswd")]
    [InlineData("docs/x%2F..%2F..%2Fopenapi-admin.json")]
    [InlineData("docs/swagger-ui.js")]
    [InlineData("docs/index.html")]
    [InlineData("docs/reference.html")]
    [InlineData("docs/oauth2-redirect.html")]
    [InlineData("docs/Sentier.Functions.dll")]
    [InlineData("docs/SWAGGER-UI-BUNDLE.JS")]
    public async Task Any_other_name_is_404(string path)
    {
        var response = await host.Api.GetAsync(path);

        ApiAssert.Error(HttpStatusCode.NotFound, response);
    }

}
