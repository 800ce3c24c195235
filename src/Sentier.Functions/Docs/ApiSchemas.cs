using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Sentier.Core.Common;

namespace Sentier.Functions.Docs;

/// <summary>
/// The JSON Schemas of request and response bodies, derived from their types as
/// <see cref="SentierJson.Options"/> writes them (snake_case, wire dates), so a field added to a
/// response type appears in the reference without anyone editing it. Response objects are closed
/// and list every property as required, because the serialiser always writes every property: the
/// contract test then fails on any field the reference does not know. Request objects stay open
/// where ActiveTrail clients send more than this service reads.
/// </summary>
public sealed class ApiSchemas
{
    public const string ErrorSchemaName = "Error";

    /// <summary>Every wire date: UTC, second precision, no offset, as ActiveTrail writes them.</summary>
    public const string WireDateDescription = "UTC date and time as `yyyy-MM-ddTHH:mm:ss` (no offset). Requests may also send an ISO 8601 date with an offset, or a plain `yyyy-MM-dd`.";

    private const string WireDatePattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$";

    private readonly JsonObject _components = new()
    {
        [ErrorSchemaName] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "ActiveTrail's error body, with that exact casing: what was wrong, in a sentence a person can act on.",
            ["properties"] = new JsonObject { ["Message"] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray("Message"),
            ["additionalProperties"] = false,
        },
    };

    public JsonObject Components => _components;

    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    /// <summary>A reference to the schema of <paramref name="type"/>, adding it to the components on first use.</summary>
    public JsonObject RefTo(Type type, bool forRequest)
    {
        var name = ComponentName(type, forRequest);
        if (!_components.ContainsKey(name))
        {
            _components[name] = Build(type, forRequest);
        }

        return Ref(name);
    }

    /// <summary>
    /// A type that is both a request and a response body (the contact) reads differently each way:
    /// open with every field optional, or closed with every field present. So its request schema is
    /// a component of its own, <c>…Input</c>; types named as requests are requests only.
    /// </summary>
    private static string ComponentName(Type type, bool forRequest)
    {
        var name = type.IsAssignableTo(typeof(IApiSchema)) && type.Name.EndsWith("Schema", StringComparison.Ordinal) ? type.Name[..^"Schema".Length] : type.Name;
        var namedAsRequest = name.EndsWith("Request", StringComparison.Ordinal) || name.EndsWith("RequestBody", StringComparison.Ordinal);
        return forRequest && !namedAsRequest ? name + "Input" : name;
    }

    private static JsonNode Build(Type type, bool forRequest)
    {
        if (type.IsAssignableTo(typeof(IApiSchema)))
        {
            return (JsonNode)type.GetMethod(nameof(IApiSchema.Schema), BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [forRequest])!;
        }

        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(context, node, forRequest),
        };
        var schema = SentierJson.Options.GetJsonSchemaAsNode(type, options);
        if (type.GetCustomAttribute<DescriptionAttribute>() is { } description && schema is JsonObject root)
        {
            root["description"] = description.Description;
        }

        return schema;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, bool forRequest)
    {
        var type = context.TypeInfo.Type;
        if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
        {
            // The wire converter writes a string the exporter cannot see into.
            node = WireDate(nullable: type == typeof(DateTimeOffset?), strict: !forRequest);
        }

        if (node is not JsonObject schema)
        {
            // "Anything" as an empty schema: OpenAPI tools read {} more reliably than `true`.
            return node.GetValueKind() == System.Text.Json.JsonValueKind.True ? new JsonObject() : node;
        }

        if (schema["properties"] is JsonObject properties)
        {
            if (forRequest)
            {
                // Which fields a request needs depends on the call (create or update): its description says.
                schema.Remove("required");
            }
            else if (!schema.ContainsKey("additionalProperties"))
            {
                schema["additionalProperties"] = false;
                schema["required"] = new JsonArray([.. properties.Select(p => (JsonNode)p.Key)]);
            }
        }

        if (context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true) is [DescriptionAttribute described, ..])
        {
            schema["description"] = described.Description;
        }

        return schema;
    }

    /// <param name="strict">Responses are always written in the one wire form; requests are read flexibly.</param>
    public static JsonObject WireDate(bool nullable, bool strict)
    {
        var schema = new JsonObject
        {
            ["type"] = nullable ? new JsonArray("string", "null") : "string",
            ["description"] = WireDateDescription,
        };
        if (strict)
        {
            schema["pattern"] = WireDatePattern;
        }

        return schema;
    }
}
