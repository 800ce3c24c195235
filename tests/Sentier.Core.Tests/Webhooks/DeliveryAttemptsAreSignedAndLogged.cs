using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// An enqueued event reaches the receiver signed, with the delivery's stable <c>webhook-id</c>, and
/// the row records the attempt; the queue message carries ids only, the payload stays in the row.
/// </summary>
public sealed class DeliveryAttemptsAreSignedAndLogged
{
    [Fact]
    public async Task TheEventArrivesSignedAndTheRowSaysDelivered()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context => context.Response.WriteAsync("thanks"));
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, secret) = await harness.SubscribeAsync(receiver.Url, new
        {
            url = receiver.Url.ToString(),
            parameters = new object[] { new { key = "X-Who", event_parameter_type = "header", event_value_type = "user_field", user_field = "first_name" } },
        });
        var envelope = harness.Event();

        var delivery = await harness.EnqueueAsync(subscription, envelope);
        var message = (await harness.Queue.Queue.PeekMessageAsync()).Value;
        Assert.True(message.Body.ToArray().Length < 300, "the queue message carries only ids");
        Assert.Equal(1, await harness.RunUntilIdleAsync());

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(delivery.MessageId, request.Headers["webhook-id"]);
        Assert.Equal(WebhookDeliveryService.MessageId(harness.AccountId, subscription.Id, envelope["id"]!.GetValue<string>()), delivery.MessageId);
        Assert.True(StandardWebhooksVerifier.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        Assert.Equal("Dana", request.Headers["X-Who"]);
        using (var body = JsonDocument.Parse(request.Body))
        {
            Assert.Equal(envelope["id"]!.GetValue<string>(), body.RootElement.GetProperty("id").GetString());
        }

        var stored = await harness.ReadAsync(delivery);
        Assert.Equal((DeliveryStatus.Delivered, null), (stored.Status, stored.Reason));
        var attempt = Assert.Single(stored.Attempts);
        Assert.Equal(("delivered", 200, "thanks", null), (attempt.Outcome, attempt.StatusCode, attempt.ResponseBody, attempt.Error));
        Assert.Null(stored.NextAttemptAt);
        Assert.Equal(0, await harness.VisibleMessagesAsync());
    }

    [Fact]
    public async Task APayloadBeyondTheRowLimitIsRefusedBeforeAnythingIsWritten()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(new Uri("https://hooks.example.com/x"));
        var envelope = harness.Event();
        envelope["data"]!["note"] = new string('x', WebhookDeliveryStore.MaxPayloadBytes);

        var error = await Assert.ThrowsAsync<Sentier.Core.Common.InvalidRequestException>(() => harness.EnqueueAsync(subscription, envelope));

        Assert.Contains(WebhookDeliveryStore.MaxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await harness.VisibleMessagesAsync());
        Assert.Empty((await harness.Store.ListAsync(harness.AccountId, subscription.Id, null, Sentier.Core.Common.PageRequest.First, CancellationToken.None)).Items);
    }
}
