using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sentier.Functions.Tests.Infrastructure;

public static partial class ApiAssert
{
    [GeneratedRegex("^0X[0-9A-F]{96}$")]
    public static partial Regex TokenShape();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    public static partial Regex IdShape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")]
    public static partial Regex WireDate();

    /// <summary>The status, with the body in the failure message.</summary>
    public static void Status(HttpStatusCode expected, ApiResponse response) =>
        Assert.True(response.Status == expected, $"Expected {(int)expected} {expected}, got {response}");

    /// <summary>
    /// The API's error contract: the status, a JSON content type and a non-empty string
    /// <c>Message</c>. Returns the message.
    /// </summary>
    public static string Error(HttpStatusCode expected, ApiResponse response)
    {
        Status(expected, response);
        Assert.True(
            response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true,
            $"Expected a JSON content type, got {response}");
        Assert.Equal(JsonValueKind.Object, response.Json.ValueKind);
        Assert.True(response.Json.TryGetProperty("Message", out var message), $"No \"Message\" in {response}");
        Assert.Equal(JsonValueKind.String, message.ValueKind);
        var text = message.GetString();
        Assert.False(string.IsNullOrWhiteSpace(text), $"Empty \"Message\" in {response}");
        return text!;
    }

    /// <summary>No property called <c>token</c> at any depth, and the token's text nowhere in the body.</summary>
    public static void HasNoToken(ApiResponse response, params string[] tokens)
    {
        Assert.DoesNotContain(PropertyNames(response.Json), name => name.Equals("token", StringComparison.OrdinalIgnoreCase));
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, response.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static IEnumerable<string> PropertyNames(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var name in PropertyNames(property.Value))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var name in PropertyNames(item))
                    {
                        yield return name;
                    }
                }

                break;
        }
    }
}
