using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>
/// A <c>custom_text</c> header parameter usually holds the receiver's credential, which a
/// <c>webhooks:read</c> token must not learn: every answer shows its value as <c>****</c> plus the
/// last 4 characters when it has at least 12. A <c>PUT</c> that sends the parameters back as read
/// keeps the stored values; a masked value that masks nothing stored is refused.
/// </summary>
[Collection(WebhooksHost.Name)]
public sealed class HeaderParameterValuesAreMasked(DeliveringDevHostFixture host)
{
    private const string Credential = "Bearer sk_live_0123456789abcd";

    private const string MaskedParameters =
        """[{"id":1,"key":"Authorization","value":"****abcd","event_parameter_type":"header","event_value_type":"custom_text","user_field":null},""" +
        """{"id":2,"key":"X-Tenant","value":"****","event_parameter_type":"header","event_value_type":"custom_text","user_field":null},""" +
        """{"id":3,"key":"list","value":"list-0123456789","event_parameter_type":"query","event_value_type":"custom_text","user_field":null}]""";

    private static readonly object[] Parameters =
    [
        new { key = "Authorization", value = Credential },
        new { key = "X-Tenant", value = "tenant-42" },
        new { key = "list", value = "list-0123456789", event_parameter_type = "query" },
    ];

    [Fact]
    public async Task Reads_mask_header_values_and_a_put_sending_them_back_keeps_them()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var account = await host.CreateAccountAsync("masked parameters");
        var (id, _, created) = await WebhookHttp.CreateAsync(host.Api, account.Token, new
        {
            name = "masked", url = receiver.Url.ToString(), event_type = "contact_change", parameters = Parameters,
        });
        var reader = await host.Api.CreateAppAsync(account.Token, """{"name":"reader","scopes":["webhooks:read"]}""");

        var read = await host.Api.GetAsync($"webhooks/{id}", reader.Token);
        var listed = await host.Api.GetAsync("webhooks", reader.Token);
        var sentBack = JsonSerializer.Serialize(new { name = "renamed", parameters = read.Json.GetProperty("parameters") });
        var updated = await host.Api.PutAsync($"webhooks/{id}", sentBack, account.Token);
        var ping = await host.Api.PostAsync($"webhooks/{id}/Test", "", account.Token);

        Assert.Equal(MaskedParameters, created.GetProperty("parameters").GetRawText());
        Assert.Equal(MaskedParameters, read.Json.GetProperty("parameters").GetRawText());
        Assert.Equal(MaskedParameters, listed.Json[0].GetProperty("parameters").GetRawText());
        ApiAssert.Status(HttpStatusCode.OK, updated);
        Assert.Equal(MaskedParameters, updated.Json.GetProperty("parameters").GetRawText());
        Assert.Equal("renamed", updated.Json.GetProperty("name").GetString());
        Assert.All(new[] { created.GetRawText(), read.Body, listed.Body, updated.Body }, body =>
        {
            Assert.DoesNotContain("0123456789abcd", body, StringComparison.Ordinal);
            Assert.DoesNotContain("tenant-42", body, StringComparison.Ordinal);
        });
        ApiAssert.Status(HttpStatusCode.OK, ping);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal((Credential, "tenant-42"), (request.Headers["Authorization"], request.Headers["X-Tenant"]));
    }

    [Fact]
    public async Task A_new_value_replaces_the_stored_one_and_is_masked_in_turn()
    {
        var account = await host.CreateAccountAsync("masked parameters replaced");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token, new
        {
            name = "masked", url = WebhookHttp.Url, event_type = "contact_change", parameters = Parameters,
        });

        var updated = await host.Api.PutAsync($"webhooks/{id}", """{"parameters":[{"key":"Authorization","value":"Bearer rotated-key-9876"}]}""", account.Token);
        var again = await host.Api.PutAsync($"webhooks/{id}", """{"parameters":[{"key":"authorization","value":"****9876"}]}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, updated);
        Assert.Equal("****9876", updated.Json.GetProperty("parameters")[0].GetProperty("value").GetString());
        ApiAssert.Status(HttpStatusCode.OK, again);
        Assert.Equal("****9876", again.Json.GetProperty("parameters")[0].GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("""{"parameters":[{"key":"X-Api-Key","value":"****abcd"}]}""")]
    [InlineData("""{"parameters":[{"key":"Authorization","value":"****wxyz"}]}""")]
    [InlineData("""{"parameters":[{"key":"X-Tenant","value":"****abcd"}]}""")]
    public async Task A_masked_value_that_masks_nothing_stored_is_refused_and_changes_nothing(string body)
    {
        var account = await host.CreateAccountAsync("masked parameters refused");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token, new
        {
            name = "masked", url = WebhookHttp.Url, event_type = "contact_change", parameters = Parameters,
        });
        var before = (await host.Api.GetAsync($"webhooks/{id}", account.Token)).Body;

        var answer = await host.Api.PutAsync($"webhooks/{id}", body, account.Token);

        Assert.Contains("masked value", ApiAssert.Error(HttpStatusCode.BadRequest, answer), StringComparison.Ordinal);
        Assert.Equal(before, (await host.Api.GetAsync($"webhooks/{id}", account.Token)).Body);
    }

    [Fact]
    public async Task A_new_webhook_cannot_take_a_masked_value()
    {
        var account = await host.CreateAccountAsync("masked parameters create");

        var answer = await host.Api.PostAsync(
            "webhooks", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"Authorization","value":"****"}]}""", account.Token);

        Assert.Contains("masked value", ApiAssert.Error(HttpStatusCode.BadRequest, answer), StringComparison.Ordinal);
        Assert.Equal("[]", (await host.Api.GetAsync("webhooks", account.Token)).Body);
    }
}
