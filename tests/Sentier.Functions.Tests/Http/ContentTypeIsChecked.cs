using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Http;

/// <summary>Bodies must be JSON: another declared type is 415; no Content-Type at all is read as JSON.</summary>
public sealed class ContentTypeIsChecked(DevHostFixture host) : IClassFixture<DevHostFixture>, IAsyncLifetime
{
    private TestAccount _account = null!;

    public async Task InitializeAsync() => _account = await host.CreateAccountAsync("content types");

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_non_json_content_type_is_415(string contentType)
    {
        var content = new StringContent("""{"name":"x"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var post = await host.Api.SendAsync(HttpMethod.Post, "apps", _account.Token, content);

        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, post);
    }

    [Fact]
    public async Task A_non_json_update_is_415()
    {
        var app = await host.Api.CreateAppAsync(_account.Token, """{"name":"typed"}""");
        var content = new StringContent("""{"name":"x"}""", Encoding.UTF8, "text/plain");

        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, await host.Api.SendAsync(HttpMethod.Put, $"apps/{app.Id}", _account.Token, content));
        ApiAssert.Error(HttpStatusCode.UnsupportedMediaType, await host.Api.SendAsync(
            HttpMethod.Post, "operator/accounts", content: new StringContent("""{"name":"x"}""", Encoding.UTF8, "text/plain"),
            configure: r => r.Headers.Add(ApiClient.AdminKeyHeader, DevHostServer.AdminKey)));
    }

    [Fact]
    public async Task A_json_body_without_a_content_type_is_accepted()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"untyped"}"""));
        Assert.Null(content.Headers.ContentType);

        var response = await host.Api.SendAsync(HttpMethod.Post, "apps", _account.Token, content);

        ApiAssert.Status(HttpStatusCode.Created, response);
        Assert.Equal("untyped", response.Json.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("text/json")]
    [InlineData("application/vnd.sentier+json")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"typed"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        ApiAssert.Status(HttpStatusCode.Created, await host.Api.SendAsync(HttpMethod.Post, "apps", _account.Token, content));
    }
}
