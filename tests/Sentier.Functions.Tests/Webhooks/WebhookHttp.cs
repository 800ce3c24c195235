using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Webhooks;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>Creating a webhook over HTTP, and giving it deliveries, for the tests of this folder.</summary>
internal static class WebhookHttp
{
    public const string Url = "https://hooks.example.com/sentier";

    /// <summary>The contact's email in the events of <see cref="EnqueueAsync"/>.</summary>
    public const string EventContactEmail = "dana@example.com";

    /// <summary>Creates a webhook (201 expected) and returns its id and secret.</summary>
    public static async Task<(long Id, string Secret, JsonElement Body)> CreateAsync(ApiClient api, string token, object body)
    {
        var response = await api.PostAsync("webhooks", JsonSerializer.Serialize(body), token);
        ApiAssert.Status(HttpStatusCode.Created, response);
        return (response.Json.GetProperty("id").GetInt64(), response.Json.GetProperty("secret").GetString()!, response.Json);
    }

    public static Task<(long Id, string Secret, JsonElement Body)> CreateAsync(ApiClient api, string token, string name = "CRM sync", string url = Url) =>
        CreateAsync(api, token, new { name, url, event_type = "contact_change" });

    /// <summary>
    /// Enqueues a <c>contact_change</c> event for the webhook as the dispatcher does: the Core entry
    /// point, on the DevHost's own storage and settings.
    /// </summary>
    public static async Task<(WebhookDelivery Delivery, string EventId)> EnqueueAsync(DevHostFixture host, string accountId, long id)
    {
        var subscription = await host.Server.Services.GetRequiredService<WebhookService>()
            .GetAsync(accountId, id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");
        var delivery = await host.Server.Services.GetRequiredService<WebhookDeliveryService>()
            .EnqueueAsync(accountId, subscription, Event(accountId, eventId), CancellationToken.None);
        return (delivery, eventId);
    }

    private static JsonObject Event(string accountId, string eventId) => new()
    {
        ["id"] = eventId,
        ["type"] = "contact_change",
        ["created"] = WebhookEvents.Created(DateTimeOffset.UtcNow),
        ["account_id"] = accountId,
        ["source"] = "api",
        ["app_id"] = "app-1",
        ["data"] = new JsonObject { ["contact"] = new JsonObject { ["id"] = 1, ["email"] = EventContactEmail } },
    };
}
