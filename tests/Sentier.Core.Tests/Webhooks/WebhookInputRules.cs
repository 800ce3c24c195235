using Sentier.Core.Common;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Every rule of a subscription's fields: a body that breaks one is a 400 naming it, and nothing is stored or changed.</summary>
public sealed class WebhookInputRules
{
    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "no name", """{"url":"https://hooks.example.com/a","event_type":"contact_change"}""", "'name' is required" },
        { "blank name", """{"name":"  ","url":"https://hooks.example.com/a","event_type":"contact_change"}""", "'name' is required" },
        { "long name", $$"""{"name":"{{new string('n', 101)}}","url":"https://hooks.example.com/a","event_type":"contact_change"}""", "'name' is longer than 100" },
        { "no url", """{"name":"n","event_type":"contact_change"}""", "'url' is required" },
        { "relative url", """{"name":"n","url":"/hook","event_type":"contact_change"}""", "absolute http or https" },
        { "ftp url", """{"name":"n","url":"ftp://hooks.example.com/a","event_type":"contact_change"}""", "absolute http or https" },
        { "long url", $$"""{"name":"n","url":"https://hooks.example.com/{{new string('a', 2048)}}","event_type":"contact_change"}""", "longer than 2048" },
        { "private literal", """{"name":"n","url":"https://10.0.0.5/a","event_type":"contact_change"}""", "private address" },
        { "metadata literal", """{"name":"n","url":"https://169.254.169.254/a","event_type":"contact_change"}""", "link-local" },
        { "mapped literal", """{"name":"n","url":"https://[::ffff:192.168.1.1]/a","event_type":"contact_change"}""", "private address" },
        { "credentials in url", """{"name":"n","url":"https://u:p@hooks.example.com/a","event_type":"contact_change"}""", "user name or password" },
        { "no event type", """{"name":"n","url":"https://hooks.example.com/a"}""", "'event_type' (one type) or 'event_types' (a list) is required" },
        { "unknown event type", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_moved"}""", "is not an event type" },
        { "ping", """{"name":"n","url":"https://hooks.example.com/a","event_types":["ping"]}""", "ping cannot be subscribed" },
        { "empty event list", """{"name":"n","url":"https://hooks.example.com/a","event_types":[]}""", "at least one event type" },
        { "format", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","format":"xml"}""", "'format'" },
        { "is_active word", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","is_active":"maybe"}""", "'is_active' must be true or false" },
        { "alias disagrees", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","is_active":true,"stateid":0}""", "disagree" },
        { "target", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","target_type_id":"slack"}""", "'target_type_id'" },
        { "parameters not array", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":{}}""", "'parameters' must be a JSON array" },
        { "21 parameters", $$"""{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{{string.Join(',', Enumerable.Repeat("""{"key":"X-A","value":"v"}""", 21))}}]}""", "at most 20" },
        { "parameter without key", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"value":"v"}]}""", "'key' is required" },
        { "long key", $$"""{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"{{new string('k', 257)}}","value":"v"}]}""", "'key' is longer than 256" },
        { "long value", $$"""{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"X-A","value":"{{new string('v', 4097)}}"}]}""", "'value' is longer than 4096" },
        { "host header", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"Host","value":"evil"}]}""", "cannot be set" },
        { "signature header", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"webhook-signature","value":"v1,x"}]}""", "cannot be set" },
        { "content-length header", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"Content-Length","value":"1"}]}""", "cannot be set" },
        { "hop-by-hop header", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"Connection","value":"close"}]}""", "cannot be set" },
        { "header name", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"X Bad","value":"v"}]}""", "not a valid HTTP header name" },
        { "line break", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"X-A","value":"a\r\nB: c"}]}""", "control character" },
        { "body field taken", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"data","value":"v","event_parameter_type":"body"}]}""", "would replace an event field" },
        { "placement", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"a","value":"v","event_parameter_type":"cookie"}]}""", "'event_parameter_type'" },
        { "value source", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"a","value":"v","event_value_type":"formula"}]}""", "'event_value_type'" },
        { "user field missing", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"a","event_value_type":"user_field"}]}""", "'user_field' is required" },
        { "user field unknown", """{"name":"n","url":"https://hooks.example.com/a","event_type":"contact_change","parameters":[{"key":"a","event_value_type":"user_field","user_field":"shoe_size"}]}""", "is not a contact field" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadCreateIsRefusedAndStoresNothing(string rule, string json, string message)
    {
        var harness = await WebhookHarness.CreateAsync(allowHttp: false);

        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() => harness.Service.CreateAsync(harness.AccountId, ContactHarness.Json(json), CancellationToken.None));

        Assert.True(refusal.Message.Contains(message, StringComparison.Ordinal), $"{rule}: {refusal.Message}");
        Assert.Empty(await harness.SnapshotAsync());
    }

    /// <summary>The same rules, but for those about fields left out, which an update keeps as they are.</summary>
    public static TheoryData<string, string, string> BadUpdates
    {
        get
        {
            var updates = new TheoryData<string, string, string>();
            foreach (var row in BadBodies)
            {
                if (row[0] is not ("no name" or "no url" or "no event type"))
                {
                    updates.Add((string)row[0], (string)row[1], (string)row[2]);
                }
            }

            return updates;
        }
    }

    [Theory]
    [MemberData(nameof(BadUpdates))]
    public async Task ABadUpdateIsRefusedAndChangesNothing(string rule, string json, string message)
    {
        var harness = await WebhookHarness.CreateAsync(allowHttp: false);
        var (created, _) = await harness.CreateAsync();
        var before = await harness.SnapshotAsync();

        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            harness.Service.UpdateAsync(harness.AccountId, WebhookHarness.Id(created.Id), ContactHarness.Json(json), CancellationToken.None));

        Assert.True(refusal.Message.Contains(message, StringComparison.Ordinal), $"{rule}: {refusal.Message}");
        Assert.Equal(before, await harness.SnapshotAsync());
    }

    [Fact]
    public async Task HttpNeedsTheSetting()
    {
        var strict = await WebhookHarness.CreateAsync(allowHttp: false);
        var local = await WebhookHarness.CreateAsync(allowHttp: true);

        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() => strict.CreateAsync(new { url = "http://hooks.example.com/a" }));
        var (created, _) = await local.CreateAsync(new { url = "http://hooks.example.com/a" });

        Assert.Contains("https is required", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("http", created.Url.Scheme);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("sms")]
    [InlineData("ext25")]
    [InlineData("date1")]
    [InlineData("num5")]
    [InlineData("birthday")]
    public async Task UserFieldsNameContactFields(string field)
    {
        var harness = await WebhookHarness.CreateAsync();

        var (created, _) = await harness.CreateAsync(new
        {
            parameters = new[] { new { key = "v", event_parameter_type = "body", event_value_type = "user_field", user_field = field.ToUpperInvariant() } },
        });

        Assert.Equal(field, created.Parameters[0].UserField);
    }
}
