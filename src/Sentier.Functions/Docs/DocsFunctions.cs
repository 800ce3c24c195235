using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Functions.Http;

namespace Sentier.Functions.Docs;

/// <summary>The API reference: the OpenAPI documents.</summary>
public sealed class DocsFunctions(ApiEndpoint api, ApiReference reference)
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
}
