using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Common;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>Meta's handshake and <c>X-Hub-Signature-256</c>: only a body signed with the app secret enqueues syncs, one per account syncing each named form.</summary>
public sealed class MetaWebhookNotifications
{
    private static string Sign(byte[] body, string secret) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static byte[] Notification(params string[] formIds) => Notification([.. formIds.Select(formId => (formId, "9000000001", 1630087926L))]);

    private static byte[] Notification(params (string FormId, string LeadId, long Created)[] leads)
    {
        var changes = string.Join(",", leads.Select(lead =>
            "{\"field\":\"leadgen\",\"value\":{\"leadgen_id\":\"" + lead.LeadId + "\",\"form_id\":\"" + lead.FormId + "\",\"page_id\":\"" + FacebookHarness.PageId + "\",\"created_time\":" + lead.Created + "}}"));
        return Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[{\"id\":\"" + FacebookHarness.PageId + "\",\"time\":1630087927,\"changes\":[" + changes + "]}]}");
    }

    [Fact]
    public async Task A_signed_notification_enqueues_a_sync_of_the_form_for_its_account()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var formId = FacebookHarness.NewFormId();
        h.Graph.AddForm(FacebookHarness.PageId, formId, "Webhook form", "email");
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, formId);
        var receiver = h.Services.GetRequiredService<FacebookWebhookReceiver>();
        var body = Notification(formId, "2999999999");

        Assert.Equal(1, await receiver.ReceiveAsync(body, Sign(body, Testing.FakeGraphApi.AppSecret), CancellationToken.None));

        var message = (await h.Queue.Queue.ReceiveMessageAsync()).Value;
        var work = FacebookSyncQueue.Read(message.Body);
        Assert.Equal((h.AccountId, formId), (work.AccountId, work.FormId));
    }

    [Fact]
    public async Task A_named_lead_older_than_the_window_is_read_directly_and_once()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var formId = FacebookHarness.NewFormId();
        h.Graph.AddForm(FacebookHarness.PageId, formId, "Webhook form", "email");
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, formId);
        var now = DateTimeOffset.UtcNow;
        h.AddLeads(3, now.AddMinutes(-1), formId: formId);
        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync(formId));
        // Graph makes a lead created 40 minutes ago readable only now: the window (checkpoint − 15 min) cannot see it.
        const string lateLead = "3900000001";
        h.Graph.AddLead(formId, lateLead, now.AddMinutes(-40), Testing.FakeGraphApi.Answers(("email", "late@example.com")));
        var receiver = h.Services.GetRequiredService<FacebookWebhookReceiver>();
        var body = Notification((formId, lateLead, now.AddMinutes(-40).ToUnixTimeSeconds()));

        Assert.Equal(1, await receiver.ReceiveAsync(body, Sign(body, Testing.FakeGraphApi.AppSecret), CancellationToken.None));
        var work = FacebookSyncQueue.Read((await h.Queue.Queue.ReceiveMessageAsync()).Value.Body);
        Assert.Equal(SyncOutcome.Completed, await h.Sync.SyncAsync(work, CancellationToken.None));

        Assert.NotNull(await h.ContactAsync("late@example.com"));
        Assert.Equal(4, (await h.FormAsync(formId)).Tally.Imported);
        Assert.Contains(lateLead, (await h.LeadRecordsAsync(formId)).Select(record => record.LeadId));

        // Meta delivers at least once: the same notification again asks Graph nothing about that lead.
        Assert.Equal(SyncOutcome.Completed, await h.Sync.SyncAsync(work, CancellationToken.None));
        Assert.Single(h.Graph.Requests, request => request.StartsWith($"/{Testing.FakeGraphApi.Version}/{lateLead}", StringComparison.Ordinal));
        Assert.Equal(4, (await h.FormAsync(formId)).Tally.Imported);
    }

    [Fact]
    public async Task A_created_time_no_date_holds_is_read_as_absent_and_the_lead_still_lands()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var formId = await h.NewSyncedFormAsync();
        const string lead = "3900000005";
        h.Graph.AddLead(formId, lead, DateTimeOffset.UtcNow.AddMinutes(-1), Testing.FakeGraphApi.Answers(("email", "far@example.com")));

        var work = await h.NotifyAsync(formId, lead, 1_000_000_000_000_000);

        Assert.Null(Assert.Single(work.Leads!).CreatedTime);
        Assert.Equal(SyncOutcome.Completed, await h.Sync.SyncAsync(work, CancellationToken.None));
        Assert.NotNull(await h.ContactAsync("far@example.com"));
    }

    [Fact]
    public async Task A_tampered_wrongly_keyed_or_missing_signature_is_refused_and_enqueues_nothing()
    {
        await using var h = await FacebookHarness.CreateAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        var receiver = h.Services.GetRequiredService<FacebookWebhookReceiver>();
        var body = Notification(FacebookHarness.FormId);
        var tampered = Notification("2000000009");

        foreach (var (bytes, signature) in new (byte[], string?)[]
        {
            (tampered, Sign(body, Testing.FakeGraphApi.AppSecret)),
            (body, Sign(body, "another-secret")),
            (body, null),
            (body, ""),
            (body, "sha256=zz"),
            (body, Sign(body, Testing.FakeGraphApi.AppSecret).Replace("sha256=", "sha1=", StringComparison.Ordinal)),
        })
        {
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => receiver.ReceiveAsync(bytes, signature, CancellationToken.None));
        }

        Assert.Empty((await h.Queue.Queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task The_handshake_echoes_the_challenge_only_for_the_verify_token()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var receiver = h.Services.GetRequiredService<FacebookWebhookReceiver>();

        Assert.Equal("1158201444", receiver.Verify("subscribe", "verify-me", "1158201444"));
        Assert.Throws<AccessDeniedException>(() => receiver.Verify("subscribe", "wrong", "1158201444"));
        Assert.Throws<AccessDeniedException>(() => receiver.Verify("subscribe", null, "1158201444"));
        Assert.Throws<InvalidRequestException>(() => receiver.Verify("unsubscribe", "verify-me", "1"));
        Assert.Throws<InvalidRequestException>(() => receiver.Verify("subscribe", "verify-me", null));
    }
}
