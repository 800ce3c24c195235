using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sentier.Core.Webhooks;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>
/// End to end through the DevHost's queue trigger on Azurite: an event enqueued with the Core entry
/// point (the dispatcher's) reaches a real receiver on 127.0.0.1 signed, retries on the test
/// schedule (<c>Webhooks__RetrySchedule=1,1,1</c>), and the delivery log routes show and resend it.
/// </summary>
[Collection(WebhooksHost.Name)]
public sealed class DeliveriesFlowThroughTheQueue(DeliveringDevHostFixture host)
{
    /// <summary>
    /// Only this collection's DevHost listens to the delivery queue (DeliveringDevHostFixture), but
    /// a run's other processes may start one too; a host that stops while it holds a message returns
    /// it after host.json's visibilityTimeout (30 s), so the wait covers one such return.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(75);

    [Fact]
    public async Task A_receiver_failing_three_times_gets_the_event_once_retries_succeed()
    {
        var calls = 0;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) <= 3 ? 500 : 200;
            return Task.CompletedTask;
        });
        var (account, id, secret) = await SubscribeAsync(receiver.Url);

        var (delivery, eventId) = await EnqueueAsync(account.AccountId, id);

        var log = await Eventually.ReadAsync(() => GetDeliveryAsync(account.Token, id, delivery.Id),
            body => body.GetProperty("status").GetString() == "delivered", Patience, "the delivery to succeed");
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct());
        var last = receiver.Requests[^1];
        Assert.True(StandardWebhooksVerifier.Verify(secret, last.Headers["webhook-id"], last.Headers["webhook-timestamp"], last.Body, last.Headers["webhook-signature"]));
        using (var body = JsonDocument.Parse(last.Body))
        {
            Assert.Equal(eventId, body.RootElement.GetProperty("id").GetString());
        }

        Assert.Equal([500, 500, 500, 200], log.GetProperty("attempts").EnumerateArray().Select(attempt => attempt.GetProperty("status_code").GetInt32()));
        Assert.Equal(eventId, log.GetProperty("payload").GetProperty("id").GetString());
        Assert.Equal(last.Headers["webhook-id"], log.GetProperty("webhook_message_id").GetString());
    }

    [Fact]
    public async Task Gone_disables_the_webhook()
    {
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        });
        var (account, id, _) = await SubscribeAsync(receiver.Url);

        var (delivery, _) = await EnqueueAsync(account.AccountId, id);

        await Eventually.ReadAsync(() => GetDeliveryAsync(account.Token, id, delivery.Id),
            body => body.GetProperty("status").GetString() == "failed", Patience, "the delivery to fail");
        var webhook = await host.Api.GetAsync($"webhooks/{id}", account.Token);
        Assert.False(webhook.Json.GetProperty("is_active").GetBoolean());
        Assert.Contains("410", webhook.Json.GetProperty("disabled_reason").GetString(), StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task The_last_failure_shows_in_the_log_and_recover_and_redeliver_send_it_again()
    {
        var failing = 1;
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) == 1 ? 503 : 200;
            return Task.CompletedTask;
        });
        var (account, id, _) = await SubscribeAsync(receiver.Url);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (delivery, _) = await EnqueueAsync(account.AccountId, id);

        var failed = await Eventually.ReadAsync(() => host.Api.GetAsync($"webhooks/{id}/deliveries?Status=failed", account.Token),
            answer => answer.Json.ValueKind == JsonValueKind.Array && answer.Json.GetArrayLength() == 1, Patience, "the delivery to fail");
        Assert.Equal(delivery.Id, failed.Json[0].GetProperty("id").GetString());
        Assert.Equal(4, failed.Json[0].GetProperty("attempts").GetArrayLength());
        Assert.Equal(4, receiver.Requests.Count);
        Volatile.Write(ref failing, 0);

        var recovered = await host.Api.PostAsync($"webhooks/{id}/recover?since={Uri.EscapeDataString(since.ToString("O"))}", "", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, recovered);
        Assert.Equal("""{"recovered":1,"more":false,"continuation":null,"next":null}""", recovered.Body);
        await Eventually.ReadAsync(() => GetDeliveryAsync(account.Token, id, delivery.Id),
            body => body.GetProperty("status").GetString() == "delivered", Patience, "the recovered delivery to succeed");

        var redelivered = await host.Api.PostAsync($"webhooks/{id}/deliveries/{delivery.Id}/redeliver", "", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, redelivered);
        await Eventually.ReadAsync(() => Task.FromResult(receiver.Requests.Count), count => count == 6, Patience, "the redelivery");
        Assert.Single(receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct());
    }

    /// <summary>
    /// A receiver that hangs until the attempt timeout (15 s) with many deliveries queued for it
    /// holds only <c>Webhooks:MaxConcurrentAttemptsPerWebhook</c> (4) of the host's slots: the rest
    /// of its messages are put off and the host keeps fetching, so another webhook's delivery,
    /// queued behind them all, still arrives within a few seconds.
    /// </summary>
    [Fact]
    public async Task A_hanging_receiver_with_many_deliveries_queued_does_not_hold_back_another_webhook()
    {
        using var release = new CancellationTokenSource();
        await using var slow = await LoopbackReceiver.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, release.Token);
            }
            catch (OperationCanceledException)
            {
            }
        });
        await using var fast = await LoopbackReceiver.StartAsync();
        var (account, slowId, _) = await SubscribeAsync(slow.Url);
        var fastId = (await WebhookHttp.CreateAsync(host.Api, account.Token, "fast", fast.Url.ToString())).Id;
        for (var i = 0; i < 40; i++)
        {
            await EnqueueAsync(account.AccountId, slowId);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await EnqueueAsync(account.AccountId, fastId);

        await Eventually.ReadAsync(() => Task.FromResult(fast.Requests.Count), count => count == 1, TimeSpan.FromSeconds(14), "the fast receiver");
        var waited = started.Elapsed;
        Assert.True(waited < TimeSpan.FromSeconds(8), $"the fast delivery took {waited.TotalSeconds:0.0} s behind a receiver hanging for 15 s");
        Assert.InRange(slow.Requests.Count, 1, 4);

        // Let the hanging receiver answer, so its deliveries finish instead of cycling through the shared queue.
        await release.CancelAsync();
    }

    [Fact]
    public async Task Another_account_sees_none_of_the_deliveries_and_bad_input_is_a_4xx()
    {
        var (account, id, _) = await SubscribeAsync(LoopbackReceiver.ClosedUrl());
        var (delivery, _) = await EnqueueAsync(account.AccountId, id);
        var other = await host.CreateAccountAsync("delivery outsider");

        foreach (var path in new[] { $"webhooks/{id}/deliveries", $"webhooks/{id}/deliveries/{delivery.Id}" })
        {
            ApiAssert.Status(HttpStatusCode.NotFound, await host.Api.GetAsync(path, other.Token));
        }

        ApiAssert.Status(HttpStatusCode.NotFound, await host.Api.PostAsync($"webhooks/{id}/deliveries/{delivery.Id}/redeliver", "", other.Token));
        ApiAssert.Status(HttpStatusCode.NotFound, await host.Api.PostAsync($"webhooks/{id}/recover?since=2020-01-01T00:00:00Z", "", other.Token));

        foreach (var (method, path, status) in new[]
        {
            ("GET", $"webhooks/{id}/deliveries?Status=sent", HttpStatusCode.BadRequest),
            ("GET", $"webhooks/{id}/deliveries/nonsense", HttpStatusCode.NotFound),
            ("POST", $"webhooks/{id}/recover", HttpStatusCode.BadRequest),
            ("POST", $"webhooks/{id}/recover?since=soon", HttpStatusCode.BadRequest),
            ("POST", $"webhooks/{id}/recover?since=2020-01-01T00:00:00Z&Continuation=nonsense", HttpStatusCode.BadRequest),
            ("POST", $"webhooks/{id}/deliveries/nonsense/redeliver", HttpStatusCode.NotFound),
        })
        {
            var answer = method == "GET" ? await host.Api.GetAsync(path, account.Token) : await host.Api.PostAsync(path, "", account.Token);
            ApiAssert.Status(status, answer);
            Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("Message").GetString()));
        }
    }

    private async Task<(TestAccount Account, long Id, string Secret)> SubscribeAsync(Uri url)
    {
        var account = await host.CreateAccountAsync("deliveries");
        var (id, secret, _) = await WebhookHttp.CreateAsync(host.Api, account.Token, "receiver", url.ToString());
        return (account, id, secret);
    }

    private Task<(WebhookDelivery Delivery, string EventId)> EnqueueAsync(string accountId, long id) => WebhookHttp.EnqueueAsync(host, accountId, id);

    private async Task<JsonElement> GetDeliveryAsync(string token, long id, string deliveryId) =>
        (await host.Api.GetAsync($"webhooks/{id}/deliveries/{deliveryId}", token)).Json;
}
