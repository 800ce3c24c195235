using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>Creating a webhook over HTTP for the tests of this folder.</summary>
internal static class WebhookHttp
{
    public const string Url = "https://hooks.example.com/sentier";

    /// <summary>Creates a webhook (201 expected) and returns its id and secret.</summary>
    public static async Task<(long Id, string Secret, JsonElement Body)> CreateAsync(ApiClient api, string token, object body)
    {
        var response = await api.PostAsync("webhooks", JsonSerializer.Serialize(body), token);
        ApiAssert.Status(HttpStatusCode.Created, response);
        return (response.Json.GetProperty("id").GetInt64(), response.Json.GetProperty("secret").GetString()!, response.Json);
    }

    public static Task<(long Id, string Secret, JsonElement Body)> CreateAsync(ApiClient api, string token, string name = "CRM sync", string url = Url) =>
        CreateAsync(api, token, new { name, url, event_type = "contact_change" });
}
