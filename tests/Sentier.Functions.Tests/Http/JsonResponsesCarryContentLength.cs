using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Http;

/// <summary>
/// JSON answers are sent whole, with a Content-Length equal to the body's length in bytes and no
/// chunked framing: successes, lists and errors alike. Headers are read before the body, so
/// HttpClient cannot fill in a length it computed itself.
/// </summary>
public sealed class JsonResponsesCarryContentLength(DevHostFixture host) : IClassFixture<DevHostFixture>, IAsyncLifetime
{
    private TestAccount _account = null!;

    public async Task InitializeAsync() => _account = await host.CreateAccountAsync("content length ✓ שלום");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_account_answer_has_its_exact_length()
    {
        var body = await AssertFramedByLengthAsync(HttpStatusCode.OK, "account", _account.Token);

        using var json = JsonDocument.Parse(body);
        Assert.Equal(_account.AccountId, json.RootElement.GetProperty("account").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_list_answer_has_its_exact_length()
    {
        var body = await AssertFramedByLengthAsync(HttpStatusCode.OK, "apps", _account.Token);

        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "account", null)]
    [InlineData(HttpStatusCode.Unauthorized, "account", "Bearer")]
    [InlineData(HttpStatusCode.NotFound, "apps/0123456789abcdef0123456789abcdef", "token")]
    public async Task An_error_answer_has_its_exact_length(HttpStatusCode status, string path, string? authorization)
    {
        var body = await AssertFramedByLengthAsync(status, path, authorization == "token" ? _account.Token : authorization);

        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("Message").GetString()));
    }

    private async Task<byte[]> AssertFramedByLengthAsync(HttpStatusCode status, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await host.Server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var declared = response.Content.Headers.ContentLength;
        var chunked = response.Headers.TransferEncodingChunked;
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(chunked is null or false, $"GET /api/{path} was sent chunked");
        Assert.True(declared is not null, $"GET /api/{path} has no Content-Length");
        Assert.Equal(body.Length, declared.Value);
        Assert.NotEmpty(body);
        return body;
    }
}
