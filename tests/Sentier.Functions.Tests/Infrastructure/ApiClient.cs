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

    /// <summary>A web form body (<c>application/x-www-form-urlencoded</c>), as form plugins post it.</summary>
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

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

    /// <summary>POST contacts (an upsert); fails the test unless it answers 200. Returns the contact.</summary>
    public async Task<JsonElement> UpsertContactAsync(string token, string json)
    {
        var response = await PostAsync("contacts", json, token);
        ApiAssert.Status(HttpStatusCode.OK, response);
        return response.Json;
    }

    /// <summary>Creates a group; fails the test unless it answers 200. Returns its id.</summary>
    public async Task<long> CreateGroupAsync(string token, string name)
    {
        var response = await PostAsync("groups", JsonSerializer.Serialize(new { name }), token);
        ApiAssert.Status(HttpStatusCode.OK, response);
        return response.Json.GetProperty("id").GetInt64();
    }

    /// <summary>POST groups/{id}/members; fails the test unless it answers 200. Returns the contact with its <c>state</c>.</summary>
    public async Task<JsonElement> AddMemberAsync(string token, long groupId, string json)
    {
        var response = await PostAsync($"groups/{groupId}/members", json, token);
        ApiAssert.Status(HttpStatusCode.OK, response);
        return response.Json;
    }

    /// <summary>
    /// Imports <paramref name="count"/> new contacts named <c>{prefix}{i}@example.com</c> into a group
    /// in one request: the quickest way to give an account many contacts.
    /// </summary>
    public async Task<JsonElement> ImportContactsAsync(string token, long groupId, string prefix, int count)
    {
        var contacts = Enumerable.Range(0, count).Select(i => new Dictionary<string, object> { ["email"] = $"{prefix}{i}@example.com", ["first_name"] = $"{prefix} {i}" });
        var response = await PostAsync("contacts/Import", JsonSerializer.Serialize(new { group = groupId, contacts }), token);
        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(count, response.Json.GetProperty("created").GetInt32() + response.Json.GetProperty("updated").GetInt32());
        return response.Json;
    }

    /// <summary>
    /// Every item of a list, following <c>X-Continuation</c> until it stops, with the number of
    /// requests it took. <paramref name="path"/> may carry a query of its own.
    /// </summary>
    public async Task<(List<JsonElement> Items, int Requests)> WalkAsync(string path, string token)
    {
        var items = new List<JsonElement>();
        var requests = 0;
        string? continuation = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await GetAsync(continuation is null ? path : $"{path}{separator}Continuation={Uri.EscapeDataString(continuation)}", token);
            ApiAssert.Status(HttpStatusCode.OK, page);
            items.AddRange(page.Json.EnumerateArray());
            continuation = page.Header("X-Continuation");
            Assert.True(++requests <= 10_000, "The continuation never ended.");
        }
        while (continuation is not null);

        return (items, requests);
    }

    /// <summary>
    /// What a token can read of its account's contacts and groups (the first 100 of each, with
    /// their update times and counters), to prove that a refused request changed nothing.
    /// </summary>
    public async Task<string> SnapshotAsync(string token)
    {
        var contacts = await GetAsync("contacts?Limit=100", token);
        var groups = await GetAsync("groups?Limit=100", token);
        ApiAssert.Status(HttpStatusCode.OK, contacts);
        ApiAssert.Status(HttpStatusCode.OK, groups);
        return contacts.Body + "\n" + groups.Body;
    }
}

/// <summary>The answer to creating an app: the only time its token is shown.</summary>
public sealed record CreatedApp(string Id, string Token, JsonElement Body)
{
    public static CreatedApp From(ApiResponse response) =>
        new(response.Json.GetProperty("id").GetString()!, response.Json.GetProperty("token").GetString()!, response.Json);
}
