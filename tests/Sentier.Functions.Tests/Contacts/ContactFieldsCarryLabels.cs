using System.Net;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// <c>GET account/contactFields</c>, which at-cf7 reads on every form save, lists every contact
/// field with a <c>field_source_column</c> that is the contact's JSON key; <c>PUT
/// account/contactFields/{field_name}</c> labels a custom field for the account.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ContactFieldsCarryLabels(DevHostFixture host)
{
    [Fact]
    public async Task Every_field_maps_to_a_key_of_the_contact()
    {
        var account = await host.CreateAccountAsync("fields");
        var contact = await host.Api.UpsertContactAsync(account.Token, """{"email":"fields@example.com"}""");
        var content = new ByteArrayContent([]);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");

        var response = await host.Api.SendAsync(HttpMethod.Get, "account/contactFields", "Basic " + account.Token, content);

        ApiAssert.Status(HttpStatusCode.OK, response);
        var fields = response.Json.EnumerateArray().ToList();
        var names = fields.Select(f => f.GetProperty("field_name").GetString()!).ToList();
        foreach (var expected in new[] { "email", "sms", "first_name", "last_name", "zip_code", "ext1", "ext25", "date1", "date5", "num1", "num5" })
        {
            Assert.Contains(expected, names);
        }

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(fields, field =>
        {
            Assert.False(string.IsNullOrWhiteSpace(field.GetProperty("field_display_name").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(field.GetProperty("type").GetString()));
            var column = field.GetProperty("field_source_column").GetString()!;
            Assert.True(contact.TryGetProperty(column.ToLowerInvariant(), out _), $"'{column}' is not a key of the contact");
        });
    }

    [Theory]
    [InlineData("ext3")]
    [InlineData("EXT3")]
    [InlineData("Ext3")]
    public async Task A_custom_field_takes_a_label(string fieldName)
    {
        var account = await host.CreateAccountAsync("label");

        var response = await host.Api.PutAsync($"account/contactFields/{fieldName}", """{"field_display_name":"Company"}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal("ext3", response.Json.GetProperty("field_name").GetString());
        Assert.Equal("Company", response.Json.GetProperty("field_display_name").GetString());
        var list = await host.Api.GetAsync("account/contactFields", account.Token);
        var ext3 = list.Json.EnumerateArray().Single(f => f.GetProperty("field_name").GetString() == "ext3");
        Assert.Equal("Company", ext3.GetProperty("field_display_name").GetString());
        Assert.Equal("ext3", ext3.GetProperty("field_source_column").GetString());

        // Relabelling replaces the label; the others keep theirs.
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync("account/contactFields/num2", """{"field_display_name":"Orders"}""", account.Token));
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.PutAsync("account/contactFields/ext3", """{"field_display_name":"Employer"}""", account.Token));
        var again = await host.Api.GetAsync("account/contactFields", account.Token);
        string Label(string name) => again.Json.EnumerateArray().Single(f => f.GetProperty("field_name").GetString() == name).GetProperty("field_display_name").GetString()!;
        Assert.Equal("Employer", Label("ext3"));
        Assert.Equal("Orders", Label("num2"));
    }

    [Theory]
    [InlineData("first_name", """{"field_display_name":"Given name"}""", HttpStatusCode.BadRequest)]
    [InlineData("email", """{"field_display_name":"Mail"}""", HttpStatusCode.BadRequest)]
    [InlineData("ext26", """{"field_display_name":"X"}""", HttpStatusCode.NotFound)]
    [InlineData("nope", """{"field_display_name":"X"}""", HttpStatusCode.NotFound)]
    [InlineData("ext1", """{}""", HttpStatusCode.BadRequest)]
    [InlineData("ext1", """{"field_display_name":""}""", HttpStatusCode.BadRequest)]
    [InlineData("ext1", """{"field_display_name":5}""", HttpStatusCode.BadRequest)]
    [InlineData("ext1", """{"field_display_name":"LONG"}""", HttpStatusCode.BadRequest)]
    [InlineData("ext1", """{"field_display_name":"x" """, HttpStatusCode.BadRequest)]
    public async Task A_bad_label_is_refused_and_changes_nothing(string fieldName, string body, HttpStatusCode expected)
    {
        var account = await host.CreateAccountAsync("bad label");
        var before = await host.Api.GetAsync("account/contactFields", account.Token);

        var response = await host.Api.PutAsync($"account/contactFields/{fieldName}", body.Replace("LONG", new string('l', 101), StringComparison.Ordinal), account.Token);

        ApiAssert.Error(expected, response);
        Assert.Equal(before.Body, (await host.Api.GetAsync("account/contactFields", account.Token)).Body);
    }
}
