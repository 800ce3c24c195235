using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Sentier.Testing;

/// <summary>
/// The API's OpenAPI documents read as a contract: which operation a request reached, which
/// statuses it may answer, and whether a body matches the schema the document gives it. Schemas
/// are resolved against the document's own components, so what is checked is exactly what the
/// reference shows.
/// </summary>
public sealed class ApiContract
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly List<ApiOperation> _operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new();

    public ApiContract(params JsonObject[] documents)
    {
        foreach (var document in documents)
        {
            var components = document["components"]?["schemas"]?.AsObject() ?? [];
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    _operations.Add(new ApiOperation(method.ToUpperInvariant(), path, (JsonObject)Resolve(operation!, components)));
                }
            }

            if (document["webhooks"] is JsonObject webhooks)
            {
                foreach (var (_, item) in webhooks)
                {
                    Webhooks.Add((JsonObject)Resolve(item!["post"]!, components));
                }
            }
        }
    }

    public IReadOnlyList<ApiOperation> Operations => _operations;

    /// <summary>The <c>post</c> of each OpenAPI <c>webhooks</c> entry, schemas resolved.</summary>
    public List<JsonObject> Webhooks { get; } = [];

    /// <summary>
    /// The operation a request to <paramref name="path"/> (after <c>/api</c>) reaches, the one with
    /// the most literal segments when several templates match, as routing picks it; null for none.
    /// </summary>
    public ApiOperation? Find(string method, string path) =>
        _operations
            .Where(operation => operation.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && operation.Matches(path))
            .OrderByDescending(operation => operation.LiteralSegments)
            .FirstOrDefault();

    /// <returns>What is wrong with the response, or null when it keeps the contract.</returns>
    public string? Check(ApiOperation operation, int status, string? mediaType, string body)
    {
        if (operation.Node["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return $"{operation} answered {status}, which its document does not list.";
        }

        if (response["content"] is not JsonObject content)
        {
            return body.Length == 0 ? null : $"{operation} answered {status} with a body its document does not give.";
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            return $"{operation} answered {status} as '{mediaType}', not as its document's {string.Join(", ", content.Select(c => c.Key))}.";
        }

        if (mediaType != "application/json" || media["schema"] is not { } schema)
        {
            return null;
        }

        return Validate(schema, body, $"{operation} {status}");
    }

    /// <returns>Each way <paramref name="json"/> breaks <paramref name="schema"/>, or null when it holds.</returns>
    public string? Validate(JsonNode schema, string json, string what)
    {
        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return $"{what}: the body is not JSON ({ex.Message}).";
        }

        var text = schema.ToJsonString();
        var compiled = _compiled.GetOrAdd(text, JsonSchema.FromText);
        var result = compiled.Evaluate(instance, Evaluation);
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"))
            .Take(10);
        return $"{what}: the body does not match its schema: {string.Join("; ", errors)}. Body: {Clip(json)}";
    }

    private static string Clip(string text) => text.Length <= 600 ? text : text[..600] + "…";

    /// <summary>A copy of <paramref name="node"/> with every <c>#/components/schemas/…</c> reference replaced by the schema it names.</summary>
    private static JsonNode Resolve(JsonNode node, JsonObject components) => node switch
    {
        JsonObject { Count: 1 } reference when reference["$ref"]?.GetValue<string>() is { } target && target.StartsWith("#/components/schemas/", StringComparison.Ordinal) =>
            Resolve(components[target["#/components/schemas/".Length..]] ?? throw new InvalidOperationException($"'{target}' names no schema."), components),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Resolve(p.Value, components)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : Resolve(item, components))]),
        _ => node.DeepClone(),
    };
}

/// <summary>One operation of the document: its method, path template and description, schemas resolved.</summary>
public sealed partial class ApiOperation(string method, string path, JsonObject node)
{
    private readonly Regex _pattern = new(
        "^" + string.Join("/", path.Split('/').Select(segment => ParameterSegment().IsMatch(segment) ? "[^/]+" : Regex.Escape(segment))) + "/?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public string Method { get; } = method;

    public string Path { get; } = path;

    public JsonObject Node { get; } = node;

    public string Id => Node["operationId"]!.GetValue<string>();

    public int LiteralSegments { get; } = path.Split('/').Count(segment => segment.Length > 0 && !ParameterSegment().IsMatch(segment));

    public bool Matches(string requestPath) => _pattern.IsMatch(requestPath);

    public override string ToString() => $"{Method} {Path} ({Id})";

    [GeneratedRegex(@"^\{[^}]+\}$")]
    private static partial Regex ParameterSegment();
}
