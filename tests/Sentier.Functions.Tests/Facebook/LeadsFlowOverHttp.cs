using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Facebook;

/// <summary>
/// The Facebook routes end to end through the DevHost: connect a Page, list its forms, configure a
/// form, sync it through the queue worker and read its leads; Meta's webhook; never a token in an answer.
/// </summary>
public sealed class LeadsFlowOverHttp(FacebookHostFixture host) : IClassFixture<FacebookHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_connected_page_form_syncs_into_a_group_and_lists_its_leads()
    {
        var (account, pageId, pageToken) = await host.ConnectedAccountAsync();
        var formId = FacebookHostFixture.NewFormId();
        host.Graph.AddForm(pageId, formId, "Spring offer", "email", "full_name", "budget");
        var newest = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 130; i++)
        {
            host.Graph.AddLead(formId, (6_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), newest.AddSeconds(-i),
                FakeGraphApi.Answers(("email", $"http-lead{i}-{formId}@example.com"), ("full_name", "Dana Levi"), ("budget", "big")));
        }

        host.Graph.AddLead(formId, "6100000000", newest.AddMinutes(-5), FakeGraphApi.Answers(("email", "broken")));
        var group = await host.Api.CreateGroupAsync(account.Token, "Facebook leads");

        var connections = await host.Api.GetAsync("facebook/connections", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, connections);
        Assert.Equal(pageId, connections.Json[0].GetProperty("id").GetString());
        Assert.Equal("active", connections.Json[0].GetProperty("status").GetString());
        Assert.DoesNotContain(pageToken, connections.Body, StringComparison.Ordinal);

        var forms = await host.Api.GetAsync($"facebook/connections/{pageId}/forms", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, forms);
        var listed = Assert.Single(forms.Json.EnumerateArray());
        Assert.Equal(["email", "full_name", "budget"], listed.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("key").GetString()));

        var put = await host.Api.PutAsync($"facebook/forms/{formId}",
            JsonSerializer.Serialize(new { connection_id = pageId, group_id = group, is_active = true, field_mapping = new { budget = "ext2" } }), account.Token);
        ApiAssert.Status(HttpStatusCode.Created, put);
        Assert.Equal("ext2", put.Json.GetProperty("effective_mapping").GetProperty("budget").GetString());

        var synced = await Eventually.ReadAsync(
            async () =>
            {
                var form = await host.Api.GetAsync($"facebook/forms/{formId}", account.Token);
                if (form.Json.GetProperty("last_synced_utc").ValueKind == JsonValueKind.Null && !form.Json.GetProperty("is_syncing").GetBoolean())
                {
                    // Another test process's host may have taken a message from the shared queue: ask again.
                    ApiAssert.Status(HttpStatusCode.Accepted, await host.Api.PostAsync($"facebook/forms/{formId}/sync", "", account.Token));
                }

                return form;
            },
            form => form.Json.GetProperty("last_synced_utc").ValueKind != JsonValueKind.Null, Patience, "the form to sync");
        Assert.Equal(130, synced.Json.GetProperty("leads_imported").GetInt64());
        Assert.Equal(1, synced.Json.GetProperty("leads_skipped").GetInt64());

        var (leads, requests) = await host.Api.WalkAsync($"facebook/forms/{formId}/leads?Limit=50", account.Token);
        Assert.Equal(131, leads.Count);
        Assert.Equal(3, requests);
        Assert.Equal("6000000000", leads[0].GetProperty("lead_id").GetString());
        Assert.Contains("'email'", leads.Single(l => l.GetProperty("lead_id").GetString() == "6100000000").GetProperty("skip_reason").GetString(), StringComparison.Ordinal);
        var contact = await host.Api.GetAsync($"contacts/{leads[0].GetProperty("contact_id").GetInt64()}", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, contact);
        Assert.Equal("big", contact.Json.GetProperty("ext2").GetString());
        Assert.Equal("Dana", contact.Json.GetProperty("first_name").GetString());
        var members = await host.Api.GetAsync($"groups/{group}/members?Limit=100", account.Token);
        Assert.Equal(100, members.Json.GetArrayLength());
    }

    [Fact]
    public async Task Meta_webhook_handshake_and_signatures()
    {
        var handshake = await host.Api.GetAsync($"facebook/webhook?hub.mode=subscribe&hub.verify_token={FacebookHostFixture.VerifyToken}&hub.challenge=1158201444");
        ApiAssert.Status(HttpStatusCode.OK, handshake);
        Assert.Equal("1158201444", handshake.Body);
        Assert.StartsWith("text/plain", handshake.ContentType, StringComparison.Ordinal);
        ApiAssert.Status(HttpStatusCode.Forbidden, await host.Api.GetAsync("facebook/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"));
        ApiAssert.Status(HttpStatusCode.BadRequest, await host.Api.GetAsync("facebook/webhook"));

        var body = """{"object":"page","entry":[{"id":"1","time":1,"changes":[{"field":"leadgen","value":{"leadgen_id":"5","form_id":"9999999999991","page_id":"1"}}]}]}""";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FakeGraphApi.AppSecret), Encoding.UTF8.GetBytes(body)));

        var signed = await PostWebhookAsync(body, signature);
        ApiAssert.Status(HttpStatusCode.OK, signed);
        Assert.Equal(0, signed.Json.GetProperty("enqueued").GetInt32());
        var tampered = await PostWebhookAsync(body.Replace("9999999999991", "9999999999992", StringComparison.Ordinal), signature);
        ApiAssert.Status(HttpStatusCode.Unauthorized, tampered);
        ApiAssert.Status(HttpStatusCode.Unauthorized, await PostWebhookAsync(body, null));
    }

    private Task<ApiResponse> PostWebhookAsync(string body, string? signature) =>
        host.Api.SendAsync(HttpMethod.Post, "facebook/webhook", content: ApiClient.Json(body), configure: request =>
        {
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
            }
        });
}
