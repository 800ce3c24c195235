using System.Text;
using System.Text.Json;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class JsonBodyObjectsAndForms
{
    private static JsonBody Parse(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ObjectElementBecomesABodyWithCaseInsensitiveFields()
    {
        using var document = JsonDocument.Parse("[{\"Email\": \"dana@example.com\", \"num1\": 5}]");

        var body = JsonBody.FromObject(document.RootElement[0], "Contact 0");

        Assert.True(body.Has("email"));
        Assert.Equal("dana@example.com", body.GetString("EMAIL", 100));
        Assert.Equal(5, body.GetInteger("NUM1"));
        Assert.Equal(["Email", "num1"], body.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("\"dana@example.com\"")]
    [InlineData("[]")]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("true")]
    public void NonObjectElementIsRefusedWithTheGivenDescription(string json)
    {
        using var document = JsonDocument.Parse(json);

        var ex = Assert.Throws<InvalidRequestException>(() => JsonBody.FromObject(document.RootElement, "Contact 3"));

        Assert.Equal("Contact 3 must be a JSON object.", ex.Message);
    }

    [Fact]
    public void FormValuesAreStrings()
    {
        var body = JsonBody.FromForm([new("name", "Acme"), new("Page", "2"), new("description", null)]);

        Assert.Equal("Acme", body.GetString("NAME", 10));
        Assert.Equal(2, body.GetInteger("page"));
        Assert.True(body.TryGetValue("page", out var page));
        Assert.Equal(JsonValueKind.String, page.ValueKind);
        Assert.True(body.Has("description"));
        Assert.Null(body.GetString("description", 10));
    }

    [Fact]
    public void RepeatedFormNameKeepsTheLastValue()
    {
        var body = JsonBody.FromForm([new("email", "first@example.com"), new("EMAIL", "last@example.com")]);

        Assert.Equal("last@example.com", body.GetString("email", 100));
        Assert.Single(body.Names);
    }

    [Fact]
    public void FormTextIsReadAsDates()
    {
        var body = JsonBody.FromForm([new("expires", "2016-12-24")]);

        Assert.Equal(new DateTimeOffset(2016, 12, 24, 0, 0, 0, TimeSpan.Zero), body.GetDate("expires"));
    }

    [Fact]
    public void EmptyFormIsAnEmptyBody()
    {
        Assert.Empty(JsonBody.FromForm([]).Names);
    }

    [Fact]
    public void TryGetValueTellsAbsentFromNull()
    {
        var body = Parse("{\"Email\": null, \"num1\": 5}");

        Assert.True(body.TryGetValue("email", out var email));
        Assert.Equal(JsonValueKind.Null, email.ValueKind);
        Assert.True(body.TryGetValue("NUM1", out var number));
        Assert.Equal(5, number.GetInt32());
        Assert.False(body.TryGetValue("sms", out var missing));
        Assert.Equal(JsonValueKind.Undefined, missing.ValueKind);
    }
}
