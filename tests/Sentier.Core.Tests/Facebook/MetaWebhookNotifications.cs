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

    private static byte[] Notification(params string[] formIds)
    {
        var changes = string.Join(",", formIds.Select(formId =>
            "{\"field\":\"leadgen\",\"value\":{\"leadgen_id\":\"9000000001\",\"form_id\":\"" + formId + "\",\"page_id\":\"" + FacebookHarness.PageId + "\",\"created_time\":1630087926}}"));
        return Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[{\"id\":\"" + FacebookHarness.PageId + "\",\"time\":1630087927,\"changes\":[" + changes + "]}]}");
    }

    [Fact]
    public async Task A_signed_notification_enqueues_a_sync_of_the_form_for_its_account()
    {
        await using var h = await FacebookHarness.CreateAsync();
        // A form id of this test alone: every account that syncs a form gets a sync of it.
        var formId = "5" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
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
