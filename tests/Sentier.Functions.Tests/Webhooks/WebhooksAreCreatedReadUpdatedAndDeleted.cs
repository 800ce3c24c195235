using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Webhooks;

/// <summary>
/// The webhook resource in ActiveTrail's shape: snake_case fields, <c>event_type</c> and
/// <c>event_types</c> both accepted and both answered, <c>stateid</c> beside <c>is_active</c>.
/// </summary>
[Collection(WebhooksHost.Name)]
public sealed class WebhooksAreCreatedReadUpdatedAndDeleted(DeliveringDevHostFixture host)
{
    [Fact]
    public async Task A_webhook_round_trips_with_every_field()
    {
        var account = await host.CreateAccountAsync("webhooks crud");
        var (id, secret, created) = await WebhookHttp.CreateAsync(host.Api, account.Token, new
        {
            name = "CRM sync",
            url = WebhookHttp.Url,
            event_type = "contact_change",
            format = "json",
            stateid = 1,
            target_type_id = "zapier",
            parameters = new object[]
            {
                new { key = "X-Api-Key", value = "k1", event_parameter_type = "header", event_value_type = "custom_text" },
                new { key = "email", event_parameter_type = "body", event_value_type = "user_field", user_field = "email" },
            },
        });

        var read = await host.Api.GetAsync($"webhooks/{id}", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, read);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var item = read.Json;
        Assert.Equal(
            ["id", "name", "url", "event_type", "event_types", "format", "stateid", "is_active", "parameters", "target_type_id", "date_created_utc", "date_updated_utc", "disabled_reason"],
            item.EnumerateObject().Select(property => property.Name));
        Assert.Equal(("CRM sync", WebhookHttp.Url, "contact_change"), (item.GetProperty("name").GetString(), item.GetProperty("url").GetString(), item.GetProperty("event_type").GetString()));
        Assert.Equal(["contact_change"], item.GetProperty("event_types").EnumerateArray().Select(type => type.GetString()));
        Assert.Equal(("json", 1, true, "zapier"), (item.GetProperty("format").GetString(), item.GetProperty("stateid").GetInt32(), item.GetProperty("is_active").GetBoolean(), item.GetProperty("target_type_id").GetString()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("disabled_reason").ValueKind);
        Assert.Matches(ApiAssert.WireDate(), item.GetProperty("date_created_utc").GetString());
        Assert.Equal(
            """[{"id":1,"key":"X-Api-Key","value":"****","event_parameter_type":"header","event_value_type":"custom_text","user_field":null},{"id":2,"key":"email","value":"","event_parameter_type":"body","event_value_type":"user_field","user_field":"email"}]""",
            item.GetProperty("parameters").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(item), JsonSerializer.Serialize(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(created.GetRawText())!
            .Where(field => field.Key != "secret").ToDictionary()));
    }

    [Fact]
    public async Task Updates_take_a_list_of_types_and_the_deprecated_state()
    {
        var account = await host.CreateAccountAsync("webhooks update");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token);

        var updated = await host.Api.PutAsync($"webhooks/{id}", """{"event_types":["contact_deleted","contact_created"],"stateid":0}""", account.Token);
        var read = await host.Api.GetAsync($"webhooks/{id}", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, updated);
        Assert.Equal(updated.Body, read.Body);
        Assert.Equal("contact_created", read.Json.GetProperty("event_type").GetString());
        Assert.Equal(["contact_created", "contact_deleted"], read.Json.GetProperty("event_types").EnumerateArray().Select(type => type.GetString()));
        Assert.Equal((0, false), (read.Json.GetProperty("stateid").GetInt32(), read.Json.GetProperty("is_active").GetBoolean()));
        Assert.Equal("CRM sync", read.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Lists_filter_hide_parameters_on_request_and_page()
    {
        var account = await host.CreateAccountAsync("webhooks list");
        var parameters = new[] { new { key = "X-A", value = "v" } };
        await WebhookHttp.CreateAsync(host.Api, account.Token, new { name = "one", url = WebhookHttp.Url, event_type = "contact_change", parameters });
        await WebhookHttp.CreateAsync(host.Api, account.Token, new { name = "two", url = WebhookHttp.Url, event_type = "contact_deleted", is_active = false });
        await WebhookHttp.CreateAsync(host.Api, account.Token, new { name = "three", url = WebhookHttp.Url, event_types = new[] { "contact_change" }, target_type_id = "zapier" });

        async Task<List<string?>> NamesAsync(string query) =>
            (await host.Api.GetAsync("webhooks" + query, account.Token)).Json.EnumerateArray().Select(item => item.GetProperty("name").GetString()).ToList();

        Assert.Equal(["one", "two", "three"], await NamesAsync(""));
        Assert.Equal(["one", "three"], await NamesAsync("?EventType=contact_change"));
        Assert.Equal(["two"], await NamesAsync("?StateType=inactive"));
        Assert.Equal(["three"], await NamesAsync("?eventtype=CONTACT_CHANGE&TargetType=zapier&StateType=active"));
        var full = await host.Api.GetAsync("webhooks", account.Token);
        var bare = await host.Api.GetAsync("webhooks?IsIgnoreParameters=true", account.Token);
        Assert.Equal(1, full.Json[0].GetProperty("parameters").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, bare.Json[0].GetProperty("parameters").ValueKind);
        var (items, requests) = await host.Api.WalkAsync("webhooks?Limit=2", account.Token);
        Assert.Equal((3, 2), (items.Count, requests));
    }

    [Fact]
    public async Task A_deleted_webhook_is_gone()
    {
        var account = await host.CreateAccountAsync("webhooks delete");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token);

        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"webhooks/{id}", account.Token));

        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"webhooks/{id}", account.Token));
        Assert.Equal("[]", (await host.Api.GetAsync("webhooks", account.Token)).Body);
    }

    /// <summary>
    /// A client that lost the answer to its delete and sends it again hears success; an id the
    /// account never had is still 404, as is every read of the deleted one.
    /// </summary>
    [Fact]
    public async Task Deleting_again_succeeds_and_deleting_what_never_existed_is_404()
    {
        var account = await host.CreateAccountAsync("webhooks delete again");
        var (id, _, _) = await WebhookHttp.CreateAsync(host.Api, account.Token);
        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"webhooks/{id}", account.Token));

        ApiAssert.Status(HttpStatusCode.NoContent, await host.Api.DeleteAsync($"webhooks/{id}", account.Token));

        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"webhooks/{id + 1}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"webhooks/{id}", account.Token));
        var other = await host.CreateAccountAsync("webhooks delete outsider");
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"webhooks/{id}", other.Token));
    }
}
