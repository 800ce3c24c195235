using System.Net;
using System.Text;
using System.Text.Json;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>
/// Plain HTTP calls against a DevHost. Paths are relative to <c>/api/</c>; the token goes in the
/// Authorization header exactly as given (raw, "Basic …" or "Bearer …").
/// </summary>
public sealed class ApiClient(HttpClient http)
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public HttpClient Http => http;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public Task<ApiResponse> GetAsync(string path, string? authorization = null) =>
        SendAsync(HttpMethod.Get, path, authorization);

    public Task<ApiResponse> PostAsync(string path, string json, string? authorization = null) =>
        SendAsync(HttpMethod.Post, path, authorization, Json(json));

    public Task<ApiResponse> PutAsync(string path, string json, string? authorization = null) =>
        SendAsync(HttpMethod.Put, path, authorization, Json(json));

    public Task<ApiResponse> DeleteAsync(string path, string? authorization = null) =>
        SendAsync(HttpMethod.Delete, path, authorization);

    public async Task<ApiResponse> SendAsync(
        HttpMethod method,
        string path,
        string? authorization = null,
        HttpContent? content = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        return await ApiResponse.ReadAsync(response);
    }

    /// <summary>An admin API call; <paramref name="adminKey"/> null sends no X-Admin-Key header.</summary>
    public Task<ApiResponse> AdminAsync(HttpMethod method, string path, string? json = null, string? adminKey = DevHostServer.AdminKey) =>
        SendAsync(method, path, content: json is null ? null : Json(json), configure: request =>
        {
            if (adminKey is not null)
            {
                request.Headers.TryAddWithoutValidation(AdminKeyHeader, adminKey);
            }
        });

    /// <summary>Creates an API app with the account's token; fails the test unless it answers 201.</summary>
    public async Task<CreatedApp> CreateAppAsync(string token, string json)
    {
        var response = await PostAsync("apps", json, token);
        ApiAssert.Status(HttpStatusCode.Created, response);
        return CreatedApp.From(response);
    }

    public Task<CreatedApp> CreateAppAsync(string token, string name, params string[] allowedIps) =>
        CreateAppAsync(token, JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = name, ["allowed_ips"] = allowedIps }));
}

/// <summary>The answer to creating an app: the only time its token is shown.</summary>
public sealed record CreatedApp(string Id, string Token, JsonElement Body)
{
    public static CreatedApp From(ApiResponse response) =>
        new(response.Json.GetProperty("id").GetString()!, response.Json.GetProperty("token").GetString()!, response.Json);
}
