using System.Net;
using System.Text.Json;

namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>A response read completely: status, headers, raw body and (when it is JSON) the parsed body.</summary>
public sealed class ApiResponse
{
    private readonly Dictionary<string, string> _headers;
    private JsonElement? _json;

    private ApiResponse(HttpStatusCode status, string? contentType, string body, Dictionary<string, string> headers)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
        _headers = headers;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The Content-Type header as sent, parameters included.</summary>
    public string? ContentType { get; }

    public string Body { get; }

    public JsonElement Json
    {
        get
        {
            if (_json is null)
            {
                using var document = JsonDocument.Parse(Body);
                _json = document.RootElement.Clone();
            }

            return _json.Value;
        }
    }

    /// <summary>The integer <c>id</c>s of a list of contacts or groups, in order.</summary>
    public List<long> ItemIds() => Json.EnumerateArray().Select(item => item.GetProperty("id").GetInt64()).ToList();

    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        var body = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.TryGetValues("Content-Type", out var types) ? string.Join(", ", types) : null;
        return new ApiResponse(response.StatusCode, contentType, body, headers);
    }

    public override string ToString() => $"{(int)Status} {ContentType}: {Body}";
}
