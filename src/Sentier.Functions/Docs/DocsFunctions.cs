using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Functions.Http;

namespace Sentier.Functions.Docs;

/// <summary>The API reference: the OpenAPI documents and the index of <c>/api</c>.</summary>
public sealed class DocsFunctions(ApiEndpoint api, ApiReference reference)
{
    private const string Tag = "Reference";

    private static readonly RenderedJson Index = ApiResult.Render(new ApiIndexResponse(
        Docs: "/api/docs", OpenApi: "/api/openapi.json", OperatorOpenApi: "/api/openapi-admin.json", Health: "/api/health"));

    [Function("Docs_Index")]
    [ApiOperation(Tag, "Where things are", Access = ApiAccess.Anonymous, Response = typeof(ApiIndexResponse),
        Description = "The addresses of the interactive reference, the OpenAPI documents and the health check.",
        ResponseExample = """{"docs": "/api/docs", "open_api": "/api/openapi.json", "operator_open_api": "/api/openapi-admin.json", "health": "/api/health"}""")]
    public Task<IActionResult> GetIndex(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{root:maxlength(0)?}")] HttpRequest request) =>
        api.Anonymous(request, _ => Task.FromResult<IActionResult>(ApiResult.Ok(Index)));

    [Function("Docs_OpenApi")]
    [ApiOperation(Tag, "This API as OpenAPI 3.1", Access = ApiAccess.Anonymous, ResponseMediaType = "application/json",
        Description = "The document this reference is drawn from, produced from the code that serves each route. Load it into any OpenAPI tool (Postman, code generators).")]
    public Task<IActionResult> GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        api.Anonymous(request, _ => Task.FromResult<IActionResult>(ApiResult.Ok(reference.Document(ApiAudience.Public))));

    [Function("Docs_OpenApiOperator")]
    [ApiOperation(Tag, "The operator API as OpenAPI 3.1", Access = ApiAccess.Admin, ResponseMediaType = "application/json",
        Description = "The operator's routes (accounts, issuing apps), kept out of the public document.")]
    public Task<IActionResult> GetOperatorOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi-admin.json")] HttpRequest request) =>
        api.WithAdminKey(request, _ => Task.FromResult<IActionResult>(ApiResult.Ok(reference.Document(ApiAudience.Operator))));
}

/// <summary>The answer of <c>GET /api</c>.</summary>
public sealed record ApiIndexResponse(string Docs, string OpenApi, string OperatorOpenApi, string Health);
