using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sentier.Core.Common;

/// <summary>The one set of JSON options every response is written with: snake_case, wire dates.</summary>
public static class SentierJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = true,

            // Responses are application/json, never HTML, so names in Hebrew or with quotes are
            // written as they are rather than as \u escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new WireDateConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class WireDateConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ApiDates.TryParse(reader.GetString(), out var value)
                ? value
                : throw new JsonException("Expected a date such as 2016-12-24T14:12:12.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            Span<byte> utf8 = stackalloc byte[32];
            writer.WriteStringValue(utf8[..ApiDates.FormatUtf8(value, utf8)]);
        }
    }
}
