using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Sentier.Core.Common;

/// <summary>
/// Reads the fields of a JSON request object case-insensitively, telling apart a field that is
/// absent from one that is <c>null</c> (partial updates need both), and failing with a message
/// that names the field and the type it should have.
/// </summary>
public sealed class JsonBody
{
    private readonly Dictionary<string, JsonElement> _fields;

    private JsonBody(Dictionary<string, JsonElement> fields) => _fields = fields;

    public static JsonBody Parse(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            throw new InvalidRequestException("The request body is empty; a JSON object is expected.");
        }

        // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read.
        if (!Utf8.IsValid(utf8Json.Span))
        {
            throw new InvalidRequestException("The request body is not valid UTF-8 text.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException(
                $"The request body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidRequestException("The request body must be a JSON object.");
            }

            return new JsonBody(ReadFields(document.RootElement, clone: true));
        }
    }

    /// <summary>One element of a JSON array that must itself be an object (an imported contact).</summary>
    public static JsonBody FromObject(JsonElement element, string description)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException($"{description} must be a JSON object.");
        }

        return new JsonBody(ReadFields(element, clone: false));
    }

    private static Dictionary<string, JsonElement> ReadFields(JsonElement element, bool clone)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var property in element.EnumerateObject())
            {
                // Clone detaches the value from a document that is disposed after parsing.
                fields[property.Name] = clone ? property.Value.Clone() : property.Value;
            }
        }
        catch (InvalidOperationException)
        {
            throw new InvalidRequestException("A field name contains an unpaired UTF-16 surrogate escape, which is not text.");
        }

        return fields;
    }

    /// <summary>
    /// A form post as the same kind of body: every value is a JSON string, which the typed getters
    /// accept wherever ActiveTrail's binder would convert text.
    /// </summary>
    public static JsonBody FromForm(IEnumerable<KeyValuePair<string, string?>> form)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in form)
        {
            fields[name] = JsonSerializer.SerializeToElement(value);
        }

        return new JsonBody(fields);
    }

    public IEnumerable<string> Names => _fields.Keys;

    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>The raw value of a field that is present (a JSON null included).</summary>
    public bool TryGetValue(string name, out JsonElement value) => _fields.TryGetValue(name, out value);

    /// <summary>A JSON array field; absent or null gives null.</summary>
    public IReadOnlyList<JsonElement>? GetArray(string name, int maxItems)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidRequestException($"'{name}' must be a JSON array.");
        }

        var length = value.GetArrayLength();
        if (length > maxItems)
        {
            throw new InvalidRequestException($"'{name}' has {length} entries; at most {maxItems} are allowed in one request.");
        }

        return value.EnumerateArray().ToList();
    }

    /// <summary>A whole number given as a JSON number or as digits in a string; absent or null gives null.</summary>
    public long? GetInteger(string name)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(TextOf(value, name).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new InvalidRequestException($"'{name}' must be a whole number.");
    }

    /// <summary>
    /// A flag given as a JSON boolean, 0 or 1, or those as text (form posts); absent, null or blank
    /// gives null.
    /// </summary>
    public bool? GetBoolean(string name)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var number) && number is 0 or 1 => number == 1,
            JsonValueKind.String => ParseBoolean(name, TextOf(value, name)),
            _ => throw NotABoolean(name),
        };
    }

    /// <summary>A flag as text (a form field, a query value): true or false in any case, 1 or 0; blank gives null.</summary>
    public static bool? ParseBoolean(string name, string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return bool.TryParse(trimmed, out var flag)
            ? flag
            : trimmed switch
            {
                "1" => true,
                "0" => false,
                _ => throw NotABoolean(name),
            };
    }

    private static InvalidRequestException NotABoolean(string name) => new($"'{MessageText.Clip(name)}' must be true or false.");

    /// <summary>A string field; absent or null gives null. Other JSON types are rejected.</summary>
    public string? GetString(string name, int maxLength)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidRequestException($"'{name}' must be a string.");
        }

        var text = TextOf(value, name);
        if (text.Length > maxLength)
        {
            throw new InvalidRequestException($"'{name}' is longer than {maxLength} characters.");
        }

        return text;
    }

    /// <summary>
    /// The text of a JSON string value. JSON escapes can spell half of a surrogate pair
    /// (<c>"\ud800"</c>), which is no text at all; that is the client's error, not ours.
    /// </summary>
    public static string TextOf(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new InvalidRequestException($"'{MessageText.Clip(name)}' contains an unpaired UTF-16 surrogate escape, which is not text.");
        }
    }

    /// <summary>A required, non-blank string, trimmed.</summary>
    public string GetRequiredString(string name, int maxLength) =>
        GetString(name, maxLength)?.Trim() is { Length: > 0 } text
            ? text
            : throw new InvalidRequestException($"'{name}' is required.");

    /// <summary>A date field in any format <see cref="ApiDates"/> reads, one Table Storage can keep; absent or null gives null.</summary>
    public DateTimeOffset? GetDate(string name)
    {
        var text = GetString(name, maxLength: 64);
        if (text is null)
        {
            return null;
        }

        if (!ApiDates.TryParse(text, out var value))
        {
            throw new InvalidRequestException($"'{name}' is not a date; use a form such as 2016-12-24T14:12:12.");
        }

        return ApiDates.IsStorable(value) ? value : throw new InvalidRequestException($"'{name}' must be a date after 1601.");
    }

    /// <summary>
    /// A list of strings given either as a JSON array of strings or as one comma-separated string
    /// (what a person types into a single field). Absent or null gives null.
    /// </summary>
    public IReadOnlyList<string>? GetStringList(string name, int maxItems, int maxItemLength)
    {
        if (!_fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        List<string> items;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                items = TextOf(value, name)
                    .Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .ToList();
                break;
            case JsonValueKind.Array:
                items = [];
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        throw new InvalidRequestException($"'{name}' must be an array of strings.");
                    }

                    if (TextOf(item, name).Trim() is { Length: > 0 } text)
                    {
                        items.Add(text);
                    }
                }

                break;
            default:
                throw new InvalidRequestException($"'{name}' must be an array of strings.");
        }

        if (items.Count > maxItems)
        {
            throw new InvalidRequestException($"'{name}' has more than {maxItems} entries.");
        }

        if (items.FirstOrDefault(item => item.Length > maxItemLength) is { } tooLong)
        {
            throw new InvalidRequestException($"'{name}' has an entry longer than {maxItemLength} characters.");
        }

        return items;
    }
}
