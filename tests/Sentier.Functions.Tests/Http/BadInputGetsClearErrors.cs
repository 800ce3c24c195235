using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Http;

/// <summary>Malformed JSON, wrong types and failed validation are 400 with a message that names the problem.</summary>
public sealed class BadInputGetsClearErrors(DevHostFixture host) : IClassFixture<DevHostFixture>, IAsyncLifetime
{
    private TestAccount _account = null!;
    private CreatedApp _app = null!;

    public async Task InitializeAsync()
    {
        _account = await host.CreateAccountAsync("bad input");
        _app = await host.Api.CreateAppAsync(_account.Token, """{"name":"target"}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("""{"name":""", "not valid JSON")]
    [InlineData("""{"name":"x",}""", "not valid JSON")]
    [InlineData("""{name:"x"}""", "not valid JSON")]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("""[{"name":"x"}]""", "JSON object")]
    [InlineData("\"x\"", "JSON object")]
    [InlineData("null", "JSON object")]
    [InlineData("""{"name": 5}""", "name")]
    [InlineData("""{"name": true}""", "name")]
    [InlineData("""{"name": {"first":"x"}}""", "name")]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name":"x","description":5}""", "description")]
    [InlineData("""{"name":"x","allowed_ips":5}""", "allowed_ips")]
    [InlineData("""{"name":"x","allowed_ips":[1]}""", "allowed_ips")]
    [InlineData("""{"name":"x","allowed_ips":[null]}""", "allowed_ips")]
    [InlineData("""{"name":"x","allowed_ips":{"ip":"127.0.0.1"}}""", "allowed_ips")]
    [InlineData("""{"name":"x","allowed_ips":["012.0.0.1"]}""", "'012.0.0.1'")]
    [InlineData("""{"name":"x","allowed_ips":["192.168.1"]}""", "'192.168.1'")]
    [InlineData("""{"name":"x","allowed_ips":["10"]}""", "'10'")]
    [InlineData("""{"name":"x","allowed_ips":["10.0.0.0/08"]}""", "'10.0.0.0/08'")]
    [InlineData("""{"name":"x","allowed_ips":["fe80::1%eth0"]}""", "allowed_ips")]
    [InlineData("""{"name":"x","allowed_ips":["::ffff:10.0.0.0/95"]}""", "allowed_ips")]
    [InlineData("""{"name":"x","expires":"not a date"}""", "expires")]
    [InlineData("""{"name":"x","expires":5}""", "expires")]
    [InlineData("""{"name":"x","expires":"2020-13-45"}""", "expires")]
    public async Task Creating_an_app_with_bad_input_is_400_naming_the_problem(string json, string mentioned)
    {
        var response = await host.Api.PostAsync("apps", json, _account.Token);

        var message = ApiAssert.Error(HttpStatusCode.BadRequest, response);
        Assert.Contains(mentioned, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name": 5}""")]
    [InlineData("""{"allowed_ips": 5}""")]
    [InlineData("""{"allowed_ips": [1]}""")]
    [InlineData("""{"allowed_ips": ["012.0.0.1"]}""")]
    [InlineData("""{"expires": "not a date"}""")]
    [InlineData("""{"description": []}""")]
    [InlineData("""{"name": """)]
    [InlineData("""[]""")]
    public async Task Updating_an_app_with_bad_input_is_400_and_changes_nothing(string json)
    {
        var response = await host.Api.PutAsync($"apps/{_app.Id}", json, _account.Token);

        ApiAssert.Error(HttpStatusCode.BadRequest, response);
        var read = await host.Api.GetAsync($"apps/{_app.Id}", _account.Token);
        Assert.Equal("target", read.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        var withType = await host.Api.SendAsync(HttpMethod.Post, "apps", _account.Token, ApiClient.Json(""));
        var withoutContent = await host.Api.SendAsync(HttpMethod.Post, "apps", _account.Token);
        var emptyUpdate = await host.Api.SendAsync(HttpMethod.Put, $"apps/{_app.Id}", _account.Token, new ByteArrayContent([]));

        Assert.Contains("empty", ApiAssert.Error(HttpStatusCode.BadRequest, withType), StringComparison.Ordinal);
        Assert.Contains("empty", ApiAssert.Error(HttpStatusCode.BadRequest, withoutContent), StringComparison.Ordinal);
        ApiAssert.Error(HttpStatusCode.BadRequest, emptyUpdate);
    }

    [Fact]
    public async Task Over_long_fields_are_400()
    {
        var longName = await host.Api.PostAsync("apps", $$"""{"name":"{{new string('n', 101)}}"}""", _account.Token);
        var longDescription = await host.Api.PostAsync("apps", $$"""{"name":"x","description":"{{new string('d', 1001)}}"}""", _account.Token);
        var longIp = await host.Api.PostAsync("apps", $$"""{"name":"x","allowed_ips":["{{new string('1', 65)}}"]}""", _account.Token);
        var manyIps = await host.Api.PostAsync(
            "apps", $$"""{"name":"x","allowed_ips":[{{string.Join(',', Enumerable.Range(0, 101).Select(i => $"\"10.0.{i / 250}.{i % 250}\""))}}]}""", _account.Token);

        Assert.Contains("name", ApiAssert.Error(HttpStatusCode.BadRequest, longName), StringComparison.Ordinal);
        Assert.Contains("description", ApiAssert.Error(HttpStatusCode.BadRequest, longDescription), StringComparison.Ordinal);
        Assert.Contains("allowed_ips", ApiAssert.Error(HttpStatusCode.BadRequest, longIp), StringComparison.Ordinal);
        Assert.Contains("allowed_ips", ApiAssert.Error(HttpStatusCode.BadRequest, manyIps), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_400_not_500()
    {
        byte[] body = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "x\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await host.Api.SendAsync(HttpMethod.Post, "apps", _account.Token, content);

        Assert.Contains("UTF-8", ApiAssert.Error(HttpStatusCode.BadRequest, response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_not_500()
    {
        var json = "{\"name\":\"x\",\"extra\":" + new string('[', 100) + new string(']', 100) + "}";

        ApiAssert.Error(HttpStatusCode.BadRequest, await host.Api.PostAsync("apps", json, _account.Token));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_names_are_trimmed()
    {
        var response = await host.Api.PostAsync("apps", """{"name":"  spaced  ","colour":"blue","NAME_EXTRA":1}""", _account.Token);

        ApiAssert.Status(HttpStatusCode.Created, response);
        Assert.Equal("spaced", response.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Names_in_hebrew_are_stored_and_written_as_they_are()
    {
        var response = await host.Api.PostAsync("apps", """{"name":"חנות \"ראשית\""}""", _account.Token);

        ApiAssert.Status(HttpStatusCode.Created, response);
        Assert.Equal("חנות \"ראשית\"", response.Json.GetProperty("name").GetString());
        Assert.Contains("חנות", response.Body, StringComparison.Ordinal);
    }
}
