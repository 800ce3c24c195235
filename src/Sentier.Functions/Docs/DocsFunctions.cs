using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Functions.Http;

namespace Sentier.Functions.Docs;

/// <summary>The API reference: the OpenAPI documents, the interactive page over them, and the index of both.</summary>
[ApiTag("Reference", "This reference: the OpenAPI documents and the interactive page that tries calls with your token.")]
public sealed class DocsFunctions(ApiEndpoint api, ApiReference reference, ReferencePage page)
{
    private const string Tag = "Reference";

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

    [Function("Docs_Page")]
    [ApiOperation(Tag, "The interactive reference", Access = ApiAccess.Anonymous, ResponseMediaType = "text/html",
        Description = "This reference as a web page: every operation with its parameters, bodies and examples. Paste a token once under **Authorize**, then **Try it out** on any operation sends the real request to this host with it.")]
    public Task<IActionResult> GetPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        api.Anonymous(request, _ => Task.FromResult<IActionResult>(page.Page(request.PathBase + request.Path)));

    [Function("Docs_PageFile")]
    [ApiOperation(Tag, "A file of the interactive reference", Access = ApiAccess.Anonymous,
        ResponseMediaType = "text/javascript", AlsoResponseMediaTypes = ["text/css", "image/png"],
        Errors = ["404: The page has no file of that name."],
        Description = "The scripts, style sheet and icon the page loads, served by this app from the package it was built with.")]
    public Task<IActionResult> GetPageFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{file}")] HttpRequest request,
        string file) =>
        api.Anonymous(request, _ => Task.FromResult<IActionResult>(
            page.Asset(file) as IActionResult ?? ApiResult.Error(StatusCodes.Status404NotFound, "The reference page has no such file.")));

    /// <remarks>
    /// The route is an optional segment that must stay empty: the Functions host serves a function
    /// with an empty route at its name instead, and an unconstrained optional segment would catch
    /// every unknown one-segment route.
    /// </remarks>
    [Function("Docs_Index")]
    [ApiOperation(Tag, "Where to start", Access = ApiAccess.Anonymous, Response = typeof(ApiIndex),
        ResponseExample = """{"reference": "/api/docs", "openapi": "/api/openapi.json", "health": "/api/health"}""",
        Description = "The addresses of the interactive reference, the OpenAPI document and the liveness check.")]
    public Task<IActionResult> GetIndex(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{index:maxlength(0)?}")] HttpRequest request) =>
        api.Anonymous(request, _ =>
        {
            var root = (request.PathBase + request.Path).Value!.TrimEnd('/');
            return Task.FromResult<IActionResult>(ApiResult.Ok(new ApiIndex($"{root}/docs", $"{root}/openapi.json", $"{root}/health")));
        });
}

/// <param name="Reference">The interactive reference page.</param>
/// <param name="OpenApi">The OpenAPI 3.1 document.</param>
/// <param name="Health">The liveness check.</param>
public sealed record ApiIndex(string Reference, [property: JsonPropertyName("openapi")] string OpenApi, string Health);
