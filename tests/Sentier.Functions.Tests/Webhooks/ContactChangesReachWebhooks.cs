using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Contacts;
using Sentier.Core.Groups;
using Sentier.Core.Webhooks;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>
/// End to end through the DevHost: contacts changed over the API reach a webhook receiver on
/// 127.0.0.1 as exactly the events the changes raise, signed, each carrying the contact as of its
/// change with a version that grows; through the nudge queue, the dispatcher, the delivery queue
/// and its retries (<c>Webhooks__RetrySchedule=1,1,1</c>), and through the sweep when a nudge is lost.
/// </summary>
[Collection(WebhooksHost.Name)]
public sealed class ContactChangesReachWebhooks(DeliveringDevHostFixture host)
{
    /// <summary>Covers a sweep interval (30 s) and one delivery message returned by another process's stopping host.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly string[] EveryType = [.. WebhookEventTypes.Subscribable.Select(WebhookEventTypes.Name)];

    [Fact]
    public async Task EveryKindOfChangeArrivesAsItsEvents()
    {
        var accepted = new ConcurrentDictionary<string, bool>();
        await using var receiver = await LoopbackReceiver.StartAsync(context => Accept(context, accepted));
        var account = await host.CreateAccountAsync("events end to end");
        var (_, secret, _) = await WebhookHttp.CreateAsync(host.Api, account.Token, new { name = "all", url = receiver.Url.ToString(), event_types = EveryType });

        var dana = (await host.Api.UpsertContactAsync(account.Token, """{"email":"dana@example.com","first_name":"Dana"}""")).GetProperty("id").GetInt64();
        await PutAsync(account, dana, """{"first_name":"Dana R."}""");
        await PutAsync(account, dana, """{"first_name":"Dana R."}""");
        await PutAsync(account, dana, """{"last_name":"Levi"}""", source: "manual");
        var group = await host.Api.CreateGroupAsync(account.Token, "Newsletter");
        await host.Api.AddMemberAsync(account.Token, group, """{"email":"dana@example.com"}""");
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"groups/{group}/members/{dana}", account.Token));
        await PutAsync(account, dana, """{"status":"Unsubscribed"}""");
        await host.Api.ImportContactsAsync(account.Token, group, "imported", 2);
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"contacts/{dana}", account.Token));

        string[] expected =
        [
            "contact_created dana", "contact_change dana",
            "contact_updated dana", "contact_change dana",
            "contact_updated dana", "contact_manual_change dana",
            "contact_added_to_group dana",
            "contact_removed_from_group dana",
            "contact_updated dana", "contact_change dana", "contact_unsubscribed dana",
            "contact_created imported0", "contact_change imported0", "contact_added_to_group imported0",
            "contact_created imported1", "contact_change imported1", "contact_added_to_group imported1",
            "contact_deleted dana", "contact_change dana",
        ];
        await Eventually.TrueAsync(() => accepted.Count >= expected.Length, $"{expected.Length} events", Patience);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var events = Events(receiver, accepted);
        Assert.Equal(expected.Order(StringComparer.Ordinal), events.Select(Describe).Order(StringComparer.Ordinal));
        Assert.All(receiver.Requests, request => Assert.True(StandardWebhooksVerifier.Verify(
            secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"])));
        Assert.All(events, evt => Assert.Equal((account.AccountId, account.FirstAppId), (evt.GetProperty("account_id").GetString(), evt.GetProperty("app_id").GetString())));

        // Each event shows the contact as its change left it, and the versions follow the changes.
        var renamed = Single(events, "contact_updated", evt => evt.GetProperty("data").TryGetProperty("changes", out var changes) && changes.TryGetProperty("first_name", out _));
        Assert.Equal("""{"old":"Dana","new":"Dana R."}""", renamed.GetProperty("data").GetProperty("changes").GetProperty("first_name").GetRawText());
        Assert.Equal(JsonValueKind.Null, Contact(renamed).GetProperty("last_name").ValueKind);
        var manual = Single(events, "contact_manual_change");
        Assert.Equal(("manual", "Levi"), (manual.GetProperty("source").GetString(), Contact(manual).GetProperty("last_name").GetString()));
        var added = Single(events, "contact_added_to_group", evt => Contact(evt).GetProperty("email").GetString() == "dana@example.com");
        Assert.Equal($$"""{"id":{{group}},"name":"Newsletter"}""", added.GetProperty("data").GetProperty("group").GetRawText());
        var deleted = Single(events, "contact_deleted");
        Assert.True(Contact(deleted).GetProperty("is_deleted").GetBoolean());
        long[] versions =
        [
            .. new[] { Single(events, "contact_created", IsDana), renamed, manual, added, Single(events, "contact_removed_from_group"), Single(events, "contact_unsubscribed"), deleted }
                .Select(evt => evt.GetProperty("data").GetProperty("version").GetInt64()),
        ];
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Length, versions.Distinct().Count());
    }

    [Fact]
    public async Task AReceiverFailingThreeTimesGetsEveryEventOnceRetriesSucceed()
    {
        var calls = 0;
        var accepted = new ConcurrentDictionary<string, bool>();
        await using var receiver = await LoopbackReceiver.StartAsync(context =>
            Interlocked.Increment(ref calls) <= 3 ? Fail(context) : Accept(context, accepted));
        var account = await host.CreateAccountAsync("events with retries");
        await WebhookHttp.CreateAsync(host.Api, account.Token, new { name = "flaky", url = receiver.Url.ToString(), event_types = EveryType });
        var group = await host.Api.CreateGroupAsync(account.Token, "Imports");

        await host.Api.ImportContactsAsync(account.Token, group, "retried", 2);

        await Eventually.TrueAsync(() => accepted.Count >= 6, "6 events", Patience);
        Assert.Equal(
            ["contact_added_to_group", "contact_added_to_group", "contact_change", "contact_change", "contact_created", "contact_created"],
            Events(receiver, accepted).Select(evt => evt.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
        Assert.True(Volatile.Read(ref calls) >= 6 + 3, "the first three attempts failed and were retried");
    }

    [Fact]
    public async Task AWriteWhoseNudgeIsLostArrivesThroughTheSweep()
    {
        var accepted = new ConcurrentDictionary<string, bool>();
        await using var receiver = await LoopbackReceiver.StartAsync(context => Accept(context, accepted));
        var account = await host.CreateAccountAsync("swept events");
        await WebhookHttp.CreateAsync(host.Api, account.Token, new { name = "swept", url = receiver.Url.ToString(), event_type = "contact_created" });

        // A writer on the host's storage that marks the account and dies before its nudge.
        var services = host.Server.Services;
        var store = new ContactStore(services.GetRequiredService<TableServiceClient>(), new MarksThenDies(services.GetRequiredService<IChangeRecordObserver>()));
        var writer = new ContactWriter(store, new GroupStore(store), new IdAllocator(store), TimeProvider.System);
        var patch = ContactPatch.Parse(Core.Common.JsonBody.Parse("""{"email":"swept@example.com"}"""u8.ToArray()), new PhoneNumberNormalizer("IL"));
        await writer.UpsertAsync(account.AccountId, patch, new ChangeContext(ChangeSource.Api, account.FirstAppId), null, CancellationToken.None);

        await Eventually.TrueAsync(() => !accepted.IsEmpty, "the swept event", Patience);
        Assert.Equal("swept@example.com", Contact(Assert.Single(Events(receiver, accepted))).GetProperty("email").GetString());
    }

    private async Task PutAsync(TestAccount account, long id, string json, string? source = null)
    {
        var response = await host.Api.SendAsync(HttpMethod.Put, $"contacts/{id}", account.Token, ApiClient.Json(json), request =>
        {
            if (source is not null)
            {
                request.Headers.Add("X-Change-Source", source);
            }
        });
        ApiAssert.Status(HttpStatusCode.OK, response);
    }

    /// <summary>Answers 200 and notes the <c>webhook-id</c> as accepted.</summary>
    private static Task Accept(Microsoft.AspNetCore.Http.HttpContext context, ConcurrentDictionary<string, bool> accepted)
    {
        accepted.TryAdd(context.Request.Headers["webhook-id"].ToString(), true);
        return Task.CompletedTask;
    }

    /// <summary>The events accepted, once per <c>webhook-id</c>, as a receiver that deduplicates keeps them.</summary>
    private static List<JsonElement> Events(LoopbackReceiver receiver, ConcurrentDictionary<string, bool> accepted) =>
        [.. receiver.Requests.Where(request => accepted.ContainsKey(request.Headers["webhook-id"]))
            .DistinctBy(request => request.Headers["webhook-id"])
            .Select(request => JsonDocument.Parse(request.Body).RootElement)];

    private static Task Fail(Microsoft.AspNetCore.Http.HttpContext context)
    {
        context.Response.StatusCode = 503;
        return Task.CompletedTask;
    }

    private static JsonElement Contact(JsonElement evt) => evt.GetProperty("data").GetProperty("contact");

    private static bool IsDana(JsonElement evt) => Contact(evt).GetProperty("email").GetString() == "dana@example.com";

    private static string Describe(JsonElement evt) =>
        $"{evt.GetProperty("type").GetString()} {Contact(evt).GetProperty("email").GetString()![..^"@example.com".Length]}";

    private static JsonElement Single(IEnumerable<JsonElement> events, string type, Func<JsonElement, bool>? also = null) =>
        Assert.Single(events, evt => evt.GetProperty("type").GetString() == type && (also?.Invoke(evt) ?? true));

    /// <summary>Marks the account as every writer does, then the process is gone before its nudge.</summary>
    private sealed class MarksThenDies(IChangeRecordObserver nudges) : IChangeRecordObserver
    {
        public Task BeforeCommitAsync(string accountId, CancellationToken cancellationToken) => nudges.BeforeCommitAsync(accountId, cancellationToken);

        public Task CommittedAsync(string accountId) => Task.CompletedTask;
    }
}
