using Sentier.Core.Tokens;

namespace Sentier.Functions.Docs;

/// <summary>Who may call an operation, as <see cref="Http.ApiEndpoint"/> checks it.</summary>
public enum ApiAccess
{
    /// <summary>An API app token holding <see cref="ApiOperationAttribute.Scope"/> (any token when the scope is <see cref="Scope.None"/>).</summary>
    Token,

    /// <summary>The operator's <c>X-Admin-Key</c>; such operations are described in <c>openapi-admin.json</c> only.</summary>
    Admin,

    /// <summary>No credential.</summary>
    Anonymous,
}

/// <summary>
/// How an HTTP function is described in the API reference: written once, beside the function, for
/// the customer who calls it. The route and method come from the trigger itself; the body schemas
/// from <see cref="Request"/> and <see cref="Response"/> as they serialise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ApiOperationAttribute(string tag, string summary) : Attribute
{
    public string Tag { get; } = tag;

    public string Summary { get; } = summary;

    /// <summary>What the call does, its limits, how it matches ActiveTrail, and its errors (Markdown).</summary>
    public string Description { get; set; } = "";

    public ApiAccess Access { get; set; } = ApiAccess.Token;

    /// <summary>The scope a token needs; <see cref="Scope.None"/> with <see cref="ApiAccess.Token"/> means any live token.</summary>
    public Scope Scope { get; set; } = Scope.None;

    /// <summary>The JSON body's type (a record, or an <see cref="IApiSchema"/>); null when the call takes none.</summary>
    public Type? Request { get; set; }

    /// <summary>Also accepts the body as <c>application/x-www-form-urlencoded</c>.</summary>
    public bool AcceptsForm { get; set; }

    public string? RequestExample { get; set; }

    /// <summary>The success body's type (one item when <see cref="List"/> or <see cref="Paged"/>); null for no body.</summary>
    public Type? Response { get; set; }

    public string? ResponseExample { get; set; }

    /// <summary>The body is a bare JSON array.</summary>
    public bool List { get; set; }

    /// <summary>A bare JSON array of one page: <c>Page</c>, <c>Limit</c>, <c>Continuation</c> and the <c>X-Continuation</c> header.</summary>
    public bool Paged { get; set; }

    public int SuccessStatus { get; set; } = 200;

    /// <summary>Other success statuses with the same body (an upsert's 200 beside its 201).</summary>
    public int[] AlsoSucceedsWith { get; set; } = [];

    /// <summary>The error statuses beyond those every call of its kind can answer (see <see cref="ApiDocument"/>), each with when.</summary>
    public string[] Errors { get; set; } = [];

    /// <summary>The media type of the success body when it is not JSON.</summary>
    public string? ResponseMediaType { get; set; }

    /// <summary>Other media types the success body may have besides <see cref="ResponseMediaType"/> (files of several kinds).</summary>
    public string[] AlsoResponseMediaTypes { get; set; } = [];
}

/// <summary>One query parameter of an operation, or of a class that reads a set of them for several operations.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ApiQueryAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>JSON Schema type of the value: string, integer, boolean.</summary>
    public string Type { get; set; } = "string";

    /// <summary>May be repeated (<c>CustomerStates=1&amp;CustomerStates=2</c>).</summary>
    public bool Repeated { get; set; }

    public string? Example { get; set; }
}

/// <summary>
/// What a group of operations is for, shown above them in the reference: on the function class
/// that owns the tag (one class per tag, however many classes use it).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ApiTagAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}

/// <summary>A body whose schema is built by code, for bodies the serialiser writes from a dictionary (contacts).</summary>
public interface IApiSchema
{
    static abstract System.Text.Json.Nodes.JsonObject Schema(bool forRequest);

    /// <summary>An example body the code itself renders, used when the operation gives none.</summary>
    static abstract System.Text.Json.Nodes.JsonNode? Example(bool forRequest);
}

/// <summary>The operation takes the query parameters declared on <see cref="Reader"/>, the class that reads them.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiQueriesOfAttribute(Type reader) : Attribute
{
    public Type Reader { get; } = reader;
}

/// <summary>A request header an operation reads beyond the credentials.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiHeaderAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}
