using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Contacts;

/// <summary>
/// The contact's life over HTTP: POST is an upsert by email answering 200 with the contact, GET,
/// PUT (partial) and DELETE (204) work on its id, and the body is ActiveTrail's snake_case object.
/// </summary>
[Collection(ContactsHost.Name)]
public sealed class ContactsAreCreatedReadUpdatedAndDeleted(DevHostFixture host)
{
    [Fact]
    public async Task Posting_a_contact_answers_200_with_every_field_in_snake_case()
    {
        var account = await host.CreateAccountAsync("contact shape");

        var response = await host.Api.PostAsync(
            "contacts",
            """{"email":" Dana@Example.COM ","first_name":"Dana","zip_code":12345,"num1":"7","date1":"2016-12-24","birthday":"2016-12-24T14:12:12+02:00","ext3":"vip"}""",
            account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.StartsWith("application/json; charset=utf-8", response.ContentType, StringComparison.OrdinalIgnoreCase);
        var contact = response.Json;
        Assert.True(contact.GetProperty("id").GetInt64() > 0);
        Assert.Equal("dana@example.com", contact.GetProperty("email").GetString());
        Assert.Equal("Dana", contact.GetProperty("first_name").GetString());
        Assert.Equal("12345", contact.GetProperty("zip_code").GetString());
        Assert.Equal(7, contact.GetProperty("num1").GetDouble());
        Assert.Equal("2016-12-24T00:00:00", contact.GetProperty("date1").GetString());
        Assert.Equal("2016-12-24T12:12:12", contact.GetProperty("birthday").GetString());
        Assert.Equal("vip", contact.GetProperty("ext3").GetString());
        Assert.Equal(1, contact.GetProperty("status").GetInt32());
        Assert.False(contact.GetProperty("is_do_not_mail").GetBoolean());
        Assert.False(contact.GetProperty("is_deleted").GetBoolean());
        Assert.Matches(ApiAssert.WireDate(), contact.GetProperty("created").GetString());
        Assert.Matches(ApiAssert.WireDate(), contact.GetProperty("updated").GetString());

        // Clients index into the object: every field is present, null when unset, and none is PascalCase.
        foreach (var name in new[] { "sms", "last_name", "anniversary", "city", "street", "fax", "phone1", "phone2", "ext1", "ext25", "date5", "num5", "sms_status", "subscribe_ip" })
        {
            Assert.True(contact.TryGetProperty(name, out _), $"No \"{name}\" in {response}");
        }

        Assert.Equal(JsonValueKind.Null, contact.GetProperty("last_name").ValueKind);
        Assert.All(contact.EnumerateObject(), property => Assert.Equal(property.Name.ToLowerInvariant(), property.Name));
    }

    [Fact]
    public async Task Posting_the_same_email_again_updates_the_one_contact()
    {
        var account = await host.CreateAccountAsync("upsert");
        var first = await host.Api.UpsertContactAsync(account.Token, """{"email":"same@example.com","first_name":"First","city":"Haifa"}""");

        var second = await host.Api.UpsertContactAsync(account.Token, """{"email":"SAME@example.com","first_name":"Second"}""");

        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal("Second", second.GetProperty("first_name").GetString());
        Assert.Equal("Haifa", second.GetProperty("city").GetString());
        var list = await host.Api.GetAsync("contacts", account.Token);
        Assert.Equal([first.GetProperty("id").GetInt64()], list.ItemIds());
    }

    [Fact]
    public async Task A_contact_with_only_an_sms_number_is_created_and_found_by_it()
    {
        var account = await host.CreateAccountAsync("sms only");

        var created = await host.Api.UpsertContactAsync(account.Token, """{"sms":"054-1234567","first_name":"Mobile"}""");
        var again = await host.Api.UpsertContactAsync(account.Token, """{"sms":"+972 54 123 4567","last_name":"Only"}""");

        Assert.Equal("+972541234567", created.GetProperty("sms").GetString());
        Assert.Equal(created.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        var search = await host.Api.GetAsync("contacts?SearchTerm=0541234567", account.Token);
        Assert.Equal([created.GetProperty("id").GetInt64()], search.ItemIds());
    }

    [Fact]
    public async Task Get_put_and_delete_work_on_the_id()
    {
        var account = await host.CreateAccountAsync("crud");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"crud@example.com","first_name":"Before","city":"Eilat"}""")).GetProperty("id").GetInt64();

        var read = await host.Api.GetAsync($"contacts/{id}", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, read);
        Assert.Equal("Before", read.Json.GetProperty("first_name").GetString());

        var update = await host.Api.PutAsync($"contacts/{id}", """{"first_name":"After","city":null,"num2":3.5}""", account.Token);
        ApiAssert.Status(HttpStatusCode.OK, update);
        Assert.Equal(id, update.Json.GetProperty("id").GetInt64());
        Assert.Equal("After", update.Json.GetProperty("first_name").GetString());
        Assert.Equal(JsonValueKind.Null, update.Json.GetProperty("city").ValueKind);
        Assert.Equal(3.5, update.Json.GetProperty("num2").GetDouble());
        Assert.Equal("crud@example.com", update.Json.GetProperty("email").GetString());
        var reread = await host.Api.GetAsync($"contacts/{id}", account.Token);
        Assert.Equal("After", reread.Json.GetProperty("first_name").GetString());

        var delete = await host.Api.DeleteAsync($"contacts/{id}", account.Token);
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Equal("", delete.Body);
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"contacts/{id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.DeleteAsync($"contacts/{id}", account.Token));
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.PutAsync($"contacts/{id}", """{"first_name":"Ghost"}""", account.Token));
        Assert.Empty((await host.Api.GetAsync("contacts", account.Token)).Json.EnumerateArray());
    }

    [Fact]
    public async Task Is_deleted_true_in_a_put_deletes_and_a_new_post_gets_a_new_id()
    {
        var account = await host.CreateAccountAsync("is_deleted");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"gone@example.com"}""")).GetProperty("id").GetInt64();

        var response = await host.Api.PutAsync($"contacts/{id}", """{"is_deleted":true}""", account.Token);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.True(response.Json.GetProperty("is_deleted").GetBoolean());
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"contacts/{id}", account.Token));

        // Ids are never reused.
        var again = await host.Api.UpsertContactAsync(account.Token, """{"email":"gone@example.com"}""");
        Assert.NotEqual(id, again.GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Is_deleted_true_in_a_post_deletes_and_the_answer_says_so(bool asForm)
    {
        var account = await host.CreateAccountAsync("post is_deleted");
        var id = (await host.Api.UpsertContactAsync(account.Token, """{"email":"leaving@example.com"}""")).GetProperty("id").GetInt64();
        HttpContent body = asForm
            ? ApiClient.Form(("email", "leaving@example.com"), ("is_deleted", "true"))
            : ApiClient.Json("""{"email":"leaving@example.com","is_deleted":true}""");

        var response = await host.Api.SendAsync(HttpMethod.Post, "contacts", account.Token, body);

        ApiAssert.Status(HttpStatusCode.OK, response);
        Assert.Equal(id, response.Json.GetProperty("id").GetInt64());
        ApiAssert.Error(HttpStatusCode.NotFound, await host.Api.GetAsync($"contacts/{id}", account.Token));
        Assert.True(response.Json.GetProperty("is_deleted").GetBoolean(), $"The contact was deleted but the answer says otherwise: {response}");
    }

    [Fact]
    public async Task Is_deleted_true_for_an_unknown_email_is_404_and_creates_nothing()
    {
        var account = await host.CreateAccountAsync("post is_deleted unknown");

        var response = await host.Api.PostAsync("contacts", """{"email":"never@example.com","is_deleted":true}""", account.Token);

        ApiAssert.Error(HttpStatusCode.NotFound, response);
        Assert.Equal("[]", (await host.Api.GetAsync("contacts", account.Token)).Body);
    }
}
