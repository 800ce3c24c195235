using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sentier.Benchmarks;

/// <summary>
/// One account's view of the DevHost's API: requests carry its token as ActiveTrail clients send
/// it. Calls made outside a measurement throw <see cref="SetupException"/> on an unexpected answer.
/// </summary>
public sealed class ApiAccount
{
    private readonly HttpClient _client;
    private readonly Uri _apiBase;
    private readonly string _authorization;

    private ApiAccount(HttpClient client, Uri apiBase, string token, string id)
    {
        _client = client;
        _apiBase = apiBase;
        _authorization = "Bearer " + token;
        Id = id;
    }

    /// <summary>The account id, which is also its partition key in the <c>Contacts</c> table.</summary>
    public string Id { get; }

    public static async Task<ApiAccount> CreateAsync(DevHostProcess devHost, HttpClient client, string name, CancellationToken cancellationToken)
    {
        var token = await devHost.CreateAccountAsync(client, name, cancellationToken);
        var account = new ApiAccount(client, devHost.ApiBase, token, id: "");
        using var caller = await account.GetJsonAsync("account", cancellationToken);
        var id = caller.RootElement.GetProperty("account").GetProperty("id").GetString()
            ?? throw new SetupException("GET /api/account answered no account id.");
        return new ApiAccount(client, devHost.ApiBase, token, id);
    }

    public HttpRequestMessage Request(HttpMethod method, string relativeUri, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_apiBase, relativeUri)) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        return request;
    }

    /// <summary>A JSON body already serialised, so building it costs nothing inside a measurement.</summary>
    public HttpRequestMessage PostJson(string relativeUri, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Request(HttpMethod.Post, relativeUri, content);
    }

    public async Task<long> CreateGroupAsync(string name, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "groups", JsonContent.Create(new { name }));
        using var group = await SendForJsonAsync(request, cancellationToken);
        return group.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>A webhook subscription to <paramref name="eventType"/> at <paramref name="url"/>.</summary>
    /// <returns>Its id and signing secret.</returns>
    public async Task<(long Id, string Secret)> CreateWebhookAsync(string name, Uri url, string eventType, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "webhooks", JsonContent.Create(new { name, url, event_types = new[] { eventType } }));
        using var webhook = await SendForJsonAsync(request, cancellationToken, HttpStatusCode.Created);
        return (webhook.RootElement.GetProperty("id").GetInt64(), webhook.RootElement.GetProperty("secret").GetString()!);
    }

    public async Task<JsonDocument> GetJsonAsync(string relativeUri, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, relativeUri);
        return await SendForJsonAsync(request, cancellationToken);
    }

    private async Task<JsonDocument> SendForJsonAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpStatusCode expectedStatus = HttpStatusCode.OK)
    {
        using var response = await _client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expectedStatus)
        {
            throw new SetupException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body);
    }
}
