using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Events carry the whole contact. The largest one the API accepts, in a <c>contact_updated</c>
/// event where every field changed (the contact, and each field's old and new value), is far beyond
/// one property's 64 KiB and the queue's 64 KB: the row holds it in parts, the message only ids,
/// and the receiver gets it byte for byte, signed.
/// </summary>
public sealed class LargeEventsTravelByClaimCheck
{
    [Fact]
    public async Task TheLargestContactsUpdateEventIsDeliveredWhole()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, secret) = await harness.SubscribeAsync(receiver.Url);
        var envelope = LargestUpdateEvent(harness);
        var payload = JsonSerializer.SerializeToUtf8Bytes(envelope, SentierJson.Options);
        Assert.InRange(payload.Length, 3 * TransactionSize.MaxBinaryBytes, WebhookDeliveryStore.MaxPayloadBytes / 2);

        await harness.EnqueueAsync(subscription, envelope);
        Assert.InRange((await harness.Queue.Queue.PeekMessagesAsync(1)).Value.Single().Body.ToMemory().Length, 1, 1024);
        await harness.RunUntilIdleAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(payload, request.Body);
        Assert.True(StandardWebhooksVerifier.Verify(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
    }

    /// <summary>
    /// At the largest payload allowed, attempts with the most a receiver's answer can weigh still
    /// leave a row the service takes: the oldest attempts give way, the newest is always kept.
    /// </summary>
    [Fact]
    public async Task AtTheLargestPayloadTheNewestAttemptsAreKept()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var envelope = harness.Event();
        var filler = WebhookDeliveryStore.MaxPayloadBytes - JsonSerializer.SerializeToUtf8Bytes(envelope, SentierJson.Options).Length - ""","filler":"" """.Length + 1;
        envelope["filler"] = new string('x', filler);
        Assert.Equal(WebhookDeliveryStore.MaxPayloadBytes, JsonSerializer.SerializeToUtf8Bytes(envelope, SentierJson.Options).Length);
        var delivery = await harness.EnqueueAsync(subscription, envelope);

        // A 4 KB answer of control characters: every byte escaped as six in the attempt's JSON.
        var heaviest = new string('\u0001', WebhookSender.MaxResponseBodyBytes);
        var attempts = Enumerable.Range(0, WebhookDeliveryStore.MaxAttemptsKept)
            .Select(i => new DeliveryAttempt(DateTimeOffset.UtcNow, "http_error", 500, i, new string('e', 512), heaviest))
            .ToList();
        var stored = await harness.ReadAsync(delivery);
        Assert.NotNull(await harness.Store.TryReplaceAsync(stored with { Attempts = attempts, Token = WebhookDelivery.NewToken() }, CancellationToken.None));

        var read = await harness.ReadAsync(delivery);
        Assert.Equal(envelope.ToJsonString(SentierJson.Options), JsonNode.Parse(read.Payload.Span)!.ToJsonString(SentierJson.Options));
        Assert.InRange(read.Attempts.Count, 2, WebhookDeliveryStore.MaxAttemptsKept - 1);
        Assert.Equal(attempts[^1].DurationMs, read.Attempts[^1].DurationMs);
        var row = await harness.Store.Table.GetEntityAsync<TableEntity>(
            WebhookDeliveryStore.PartitionKey(harness.AccountId, subscription.Id), delivery.Id);
        Assert.Equal(BinaryParts.PartCount(WebhookDeliveryStore.MaxPayloadBytes), row.Value.Keys.Count(key => key.StartsWith("Payload", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APayloadOverTheLimitIsRefusedBeforeAnythingIsWritten()
    {
        var harness = await DeliveryHarness.CreateAsync();
        var (subscription, _) = await harness.SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var envelope = harness.Event();
        envelope["filler"] = new string('x', WebhookDeliveryStore.MaxPayloadBytes);

        await Assert.ThrowsAsync<InvalidRequestException>(() => harness.EnqueueAsync(subscription, envelope));

        Assert.Equal(0, await harness.VisibleMessagesAsync());
        Assert.Empty(await harness.Store.Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {WebhookDeliveryStore.PartitionKey(harness.AccountId, subscription.Id)}")).ToListAsync());
    }

    private static JsonObject LargestUpdateEvent(DeliveryHarness harness)
    {
        var before = ContactJson.From(LargestContacts.Contact(2, 1, []));
        var after = ContactJson.From(LargestContacts.Contact(1, 1, [1, 2, 3]));
        var changes = new JsonObject();
        foreach (var (field, value) in after)
        {
            changes[field] = new JsonObject
            {
                ["old"] = JsonSerializer.SerializeToNode(before.GetValueOrDefault(field), SentierJson.Options),
                ["new"] = JsonSerializer.SerializeToNode(value, SentierJson.Options),
            };
        }

        var envelope = harness.Event(type: "contact_updated");
        envelope["data"] = new JsonObject
        {
            ["contact"] = JsonSerializer.SerializeToNode(after, SentierJson.Options),
            ["version"] = 7,
            ["changes"] = changes,
        };
        return envelope;
    }
}
