using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Patterns;
using Sentier.Catalog;
using Sentier.Core.Common;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Docs;

/// <summary>Which of the two documents: the customer's API, or the operator's.</summary>
public enum ApiAudience
{
    Public,
    Operator,
}

/// <summary>
/// The OpenAPI 3.1 document of the HTTP functions, built from the functions themselves: routes and
/// methods from their triggers (found by <see cref="FunctionCatalog"/>, as the DevHost serves them),
/// words from <see cref="ApiOperationAttribute"/>, schemas from the body types. Operator routes
/// (<see cref="ApiAccess.Admin"/>) go in the operator's document only.
/// </summary>
public static class ApiDocument
{
    public const string TokenScheme = "ApiToken";
    public const string AdminScheme = "AdminKey";

    private const string JsonMediaType = "application/json";

    /// <summary>A tag no class describes has no description: redocly's strict rules then fail the build's lint.</summary>
    private static JsonObject TagObject(string name, string? description) =>
        description is null ? new JsonObject { ["name"] = name } : new JsonObject { ["name"] = name, ["description"] = description };

    public static JsonObject Build(IEnumerable<FunctionDefinition> functions, ApiAudience audience)
    {
        var schemas = new ApiSchemas();
        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var tags = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpTriggerDefinition trigger)
            {
                continue;
            }

            var operation = function.Method.GetCustomAttribute<ApiOperationAttribute>()
                ?? throw new InvalidOperationException($"Function '{function.Name}' has no [ApiOperation]: every HTTP function is described in the API reference.");
            if ((operation.Access == ApiAccess.Admin) != (audience == ApiAudience.Operator))
            {
                continue;
            }

            var (path, pathParameters) = PathOf(trigger.Route);
            var item = paths.TryGetValue(path, out var existing) ? existing : paths[path] = new JsonObject();
            item[DocumentedMethod(function.Name, trigger)] = Operation(function, operation, pathParameters, schemas);
            tags.TryAdd(operation.Tag, null);
            if (function.Method.DeclaringType?.GetCustomAttribute<ApiTagAttribute>() is { } tag)
            {
                tags[tag.Name] = tag.Description;
            }
        }

        var pathsNode = new JsonObject();
        foreach (var (path, item) in paths)
        {
            pathsNode[path] = item;
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = Info(audience),
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api", ["description"] = "This service" }),
            ["tags"] = new JsonArray([.. tags.Select(tag => (JsonNode)TagObject(tag.Key, tag.Value))]),
            ["paths"] = pathsNode,
        };
        if (audience == ApiAudience.Public)
        {
            document["webhooks"] = WebhookPayloads.Describe(schemas);
        }

        document["components"] = new JsonObject
        {
            ["schemas"] = schemas.Components,
            ["securitySchemes"] = SecuritySchemes(audience),
        };
        return document;
    }

    private static JsonObject Info(ApiAudience audience) => new()
    {
        ["title"] = audience == ApiAudience.Public ? "Sentier API" : "Sentier operator API",
        ["version"] = "1.0",
        ["description"] = audience == ApiAudience.Public ? ApiNarrative.Public : ApiNarrative.Operator,
    };

    private static JsonObject SecuritySchemes(ApiAudience audience) => audience == ApiAudience.Public
        ? new JsonObject
        {
            [TokenScheme] = new JsonObject
            {
                ["type"] = "apiKey",
                ["in"] = "header",
                ["name"] = "Authorization",
                ["description"] = ApiNarrative.TokenForms,
            },
        }
        : new JsonObject
        {
            [AdminScheme] = new JsonObject
            {
                ["type"] = "apiKey",
                ["in"] = "header",
                ["name"] = ApiEndpoint.AdminKeyHeader,
                ["description"] = "The operator's key (app setting `Sentier:AdminKey`). Keep it out of every client: it creates accounts and issues their tokens.",
            },
        };

    /// <summary>The one method a function is described under: each function serves one.</summary>
    private static string DocumentedMethod(string functionName, HttpTriggerDefinition trigger) => trigger.Methods is [var only]
        ? only
        : throw new InvalidOperationException($"Function '{functionName}' must declare exactly one HTTP method to be described.");

    /// <summary>The route template as an OpenAPI path: constraints dropped; an optional empty segment (<c>{x:maxlength(0)?}</c>, the route prefix's own root) removed.</summary>
    public static (string Path, IReadOnlyList<string> Parameters) PathOf(string route)
    {
        var pattern = RoutePatternFactory.Parse(route);
        var segments = new List<string>();
        var parameters = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart { IsOptional: true } => "",
                RoutePatternParameterPart parameter => "{" + Remember(parameters, parameter.Name) + "}",
                RoutePatternSeparatorPart separator => separator.Content,
                _ => throw new NotSupportedException($"Route '{route}' has a part the reference cannot describe."),
            }));
            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        return ("/" + string.Join('/', segments), parameters);
    }

    private static string Remember(List<string> parameters, string name)
    {
        parameters.Add(name);
        return name;
    }

    private static JsonObject Operation(FunctionDefinition function, ApiOperationAttribute operation, IReadOnlyList<string> pathParameters, ApiSchemas schemas)
    {
        var node = new JsonObject
        {
            ["operationId"] = function.Name,
            ["tags"] = new JsonArray(operation.Tag),
            ["summary"] = operation.Summary,
            ["description"] = Describe(operation),
        };

        var parameters = new JsonArray();
        foreach (var name in pathParameters)
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        var queries = function.Method.GetCustomAttributes<ApiQueryAttribute>()
            .Concat(function.Method.GetCustomAttributes<ApiQueriesOfAttribute>().SelectMany(set => set.Reader.GetCustomAttributes<ApiQueryAttribute>()))
            .ToList();
        foreach (var query in queries)
        {
            parameters.Add(Query(query.Name, query.Description, query.Type, query.Repeated, query.Example));
        }

        if (operation.Paged)
        {
            parameters.Add(Query("Page", $"1-based page number (1–{PageRequest.MaxPage:N0}); ignored when `Continuation` is sent.", "integer", repeated: false, "1"));
            parameters.Add(Query("Limit", $"Items per page, {1}–{PageRequest.MaxLimit} (default {PageRequest.DefaultLimit}).", "integer", repeated: false, "20"));
            parameters.Add(Query("Continuation", "The `X-Continuation` header of the previous page: resumes right after it, however many items were added or removed since. The way to walk a whole collection.", "string", repeated: false, null));
        }

        if (function.Method.GetCustomAttributes<ApiHeaderAttribute>().ToList() is { Count: > 0 } headers)
        {
            foreach (var header in headers)
            {
                parameters.Add(new JsonObject { ["name"] = header.Name, ["in"] = "header", ["description"] = header.Description, ["schema"] = new JsonObject { ["type"] = "string" } });
            }
        }

        if (parameters.Count > 0)
        {
            node["parameters"] = parameters;
        }

        if (operation.Request is { } request)
        {
            var content = new JsonObject { [JsonMediaType] = MediaType(schemas.RefTo(request, forRequest: true), operation.RequestExample, ExampleOf(request, forRequest: true)) };
            if (operation.AcceptsForm)
            {
                content["application/x-www-form-urlencoded"] = new JsonObject { ["schema"] = schemas.RefTo(request, forRequest: true) };
            }

            node["requestBody"] = new JsonObject { ["required"] = true, ["content"] = content };
        }

        node["responses"] = Responses(operation, pathParameters.Count > 0, queries.Count > 0, schemas);
        node["security"] = operation.Access switch
        {
            ApiAccess.Token => new JsonArray(new JsonObject { [TokenScheme] = new JsonArray() }),
            ApiAccess.Admin => new JsonArray(new JsonObject { [AdminScheme] = new JsonArray() }),
            _ => new JsonArray(),
        };
        if (operation.Access == ApiAccess.Token)
        {
            node["x-scope"] = operation.Scope == Scope.None ? null : Scopes.Format(operation.Scope)[0];
        }

        return node;
    }

    private static string Describe(ApiOperationAttribute operation)
    {
        var access = operation.Access switch
        {
            ApiAccess.Token when operation.Scope == Scope.None => "**Access:** any live API token, whatever its scopes.",
            ApiAccess.Token => $"**Access:** an API token with the `{Scopes.Format(operation.Scope)[0]}` scope.",
            ApiAccess.Admin => "**Access:** the operator's `X-Admin-Key`.",
            _ => "**Access:** anonymous.",
        };
        return operation.Description.Length == 0 ? access : operation.Description + "\n\n" + access;
    }

    private static JsonObject Query(string name, string description, string type, bool repeated, string? example)
    {
        var schema = new JsonObject { ["type"] = type };
        var node = new JsonObject
        {
            ["name"] = name,
            ["in"] = "query",
            ["description"] = description,
            ["schema"] = repeated ? new JsonObject { ["type"] = "array", ["items"] = schema } : schema,
        };
        if (repeated)
        {
            node["explode"] = true;
        }

        if (example is not null)
        {
            node["example"] = repeated ? new JsonArray(Scalar(example, type)) : Scalar(example, type);
        }

        return node;
    }

    private static JsonNode Scalar(string text, string type) => type switch
    {
        "integer" => JsonValue.Create(long.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
        "boolean" => JsonValue.Create(bool.Parse(text)),
        _ => JsonValue.Create(text),
    };

    private static JsonObject MediaType(JsonNode schema, string? example, JsonNode? codeExample)
    {
        var media = new JsonObject { ["schema"] = schema };
        if ((example is null ? codeExample : JsonNode.Parse(example)) is { } chosen)
        {
            media["example"] = chosen;
        }

        return media;
    }

    private static JsonNode? ExampleOf(Type type, bool forRequest) =>
        type.IsAssignableTo(typeof(IApiSchema))
            ? (JsonNode?)type.GetMethod(nameof(IApiSchema.Example), BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [forRequest])
            : null;

    private static JsonObject Responses(ApiOperationAttribute operation, bool hasPathParameters, bool hasQuery, ApiSchemas schemas)
    {
        var responses = new JsonObject();
        foreach (var status in new[] { operation.SuccessStatus }.Concat(operation.AlsoSucceedsWith))
        {
            var response = new JsonObject { ["description"] = SuccessDescription(status) };
            if (operation.Response is { } type)
            {
                JsonNode schema = schemas.RefTo(type, forRequest: false);
                if (operation.List || operation.Paged)
                {
                    schema = new JsonObject { ["type"] = "array", ["items"] = schema };
                }

                var example = ExampleOf(type, forRequest: false);
                if (example is not null && (operation.List || operation.Paged))
                {
                    example = new JsonArray(example);
                }

                response["content"] = new JsonObject { [JsonMediaType] = MediaType(schema, operation.ResponseExample, example) };
            }
            else if (operation.ResponseMediaType is { } mediaType)
            {
                var content = new JsonObject();
                foreach (var media in operation.AlsoResponseMediaTypes.Prepend(mediaType))
                {
                    var bodyType = media.Contains("json", StringComparison.Ordinal) ? "object" : "string";
                    content[media] = new JsonObject { ["schema"] = new JsonObject { ["type"] = bodyType } };
                }

                response["content"] = content;
            }

            if (operation.Paged)
            {
                response["headers"] = new JsonObject
                {
                    [ApiResult.ContinuationHeader] = new JsonObject
                    {
                        ["description"] = "Present when more items may follow: send it back as `Continuation` for the next page. Absent on the last page.",
                        ["schema"] = new JsonObject { ["type"] = "string" },
                    },
                };
            }

            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        foreach (var (status, when) in Errors(operation, hasPathParameters, hasQuery))
        {
            var error = new JsonObject
            {
                ["description"] = when,
                ["content"] = new JsonObject { [JsonMediaType] = new JsonObject { ["schema"] = ApiSchemas.Ref(ApiSchemas.ErrorSchemaName) } },
            };
            if (status >= 500)
            {
                error["headers"] = new JsonObject
                {
                    [ApiResult.CorrelationHeader] = new JsonObject
                    {
                        ["description"] = "The id the details were logged under; quote it when you report the problem.",
                        ["schema"] = new JsonObject { ["type"] = "string" },
                    },
                };
            }

            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = error;
        }

        return responses;
    }

    private static string SuccessDescription(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted: the work is queued",
        204 => "No content",
        _ => "Success",
    };

    /// <summary>The errors a call can answer by its kind, then those its attribute adds, merged per status.</summary>
    private static SortedDictionary<int, string> Errors(ApiOperationAttribute operation, bool hasPathParameters, bool hasQuery)
    {
        var errors = new SortedDictionary<int, string>();
        void Add(int status, string when) =>
            errors[status] = errors.TryGetValue(status, out var earlier) ? earlier + " " + when : when;

        if (operation.Request is not null || operation.Paged || hasQuery)
        {
            Add(400, "A field or query value is missing or invalid; the message names it. Nothing was changed.");
        }

        if (hasPathParameters)
        {
            Add(400, "An id in the path is not well formed (control characters, too long).");
        }

        switch (operation.Access)
        {
            case ApiAccess.Token:
                Add(401, "No token, or an unknown, revoked or expired one.");
                Add(403, operation.Scope == Scope.None
                    ? "The call comes from an address outside the app's `allowed_ips`."
                    : $"The token's app lacks the `{Scopes.Format(operation.Scope)[0]}` scope (the message names it), or the call comes from an address outside its `allowed_ips`.");

                break;
            case ApiAccess.Admin:
                Add(401, "The `X-Admin-Key` header is missing or wrong.");
                Add(403, "The admin API is disabled: no admin key is configured.");
                break;
        }

        if (operation.Request is not null)
        {
            Add(413, "The body is larger than the limit (1 MiB; 16 MiB for an import).");
            Add(415, "The body is not JSON" + (operation.AcceptsForm ? " or a web form." : "."));
        }

        foreach (var error in operation.Errors)
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            Add(int.Parse(error[..colon], System.Globalization.CultureInfo.InvariantCulture), error[(colon + 1)..].Trim());
        }

        if (hasPathParameters && !errors.ContainsKey(404))
        {
            Add(404, "Nothing with that id exists in this account.");
        }

        Add(500, "An unexpected error; the message and `X-Correlation-Id` carry the id to quote.");
        Add(503, "Storage is unavailable for a moment; retry with backoff.");
        return errors;
    }
}
