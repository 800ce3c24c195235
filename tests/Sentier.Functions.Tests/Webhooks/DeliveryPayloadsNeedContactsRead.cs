using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>
/// A delivery's payload is a whole contact, so reading it takes <c>contacts:read</c> as well as
/// <c>webhooks:read</c>: without it the one-delivery read is a 403 naming the missing scope (as a
/// Stripe restricted key is told which permission it lacks), while the log itself, which carries
/// no payloads, stays readable.
/// </summary>
[Collection(WebhooksHost.Name)]
public sealed class DeliveryPayloadsNeedContactsRead(DeliveringDevHostFixture host)
{
    [Fact]
    public async Task Only_a_token_that_may_read_contacts_reads_a_payload()
    {
        var account = await host.CreateAccountAsync("payload scope");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token, "down", LoopbackReceiver.ClosedUrl().ToString());
        var (delivery, eventId) = await WebhookHttp.EnqueueAsync(host, account.AccountId, id);
        var hooksOnly = await host.Api.CreateAppAsync(account.Token, """{"name":"hooks","scopes":["webhooks:read"]}""");
        var both = await host.Api.CreateAppAsync(account.Token, """{"name":"both","scopes":["webhooks:read","contacts:read"]}""");

        var log = await host.Api.GetAsync($"webhooks/{id}/deliveries", hooksOnly.Token);
        var refused = await host.Api.GetAsync($"webhooks/{id}/deliveries/{delivery.Id}", hooksOnly.Token);
        var read = await host.Api.GetAsync($"webhooks/{id}/deliveries/{delivery.Id}", both.Token);

        ApiAssert.Status(HttpStatusCode.OK, log);
        Assert.Equal(delivery.Id, Assert.Single(log.Json.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, log.Json[0].GetProperty("payload").ValueKind);
        Assert.DoesNotContain(WebhookHttp.EventContactEmail, log.Body, StringComparison.Ordinal);
        var message = ApiAssert.Error(HttpStatusCode.Forbidden, refused);
        Assert.Contains("'contacts:read'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'webhooks:read'", message, StringComparison.Ordinal);
        ApiAssert.Status(HttpStatusCode.OK, read);
        Assert.Equal(eventId, read.Json.GetProperty("payload").GetProperty("id").GetString());
        Assert.Equal(WebhookHttp.EventContactEmail, read.Json.GetProperty("payload").GetProperty("data").GetProperty("contact").GetProperty("email").GetString());
    }
}
