using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Storage;
using Sentier.Functions.Http;

namespace Sentier.Functions.Health;

public sealed class HealthFunctions(ApiEndpoint api, StorageHealthProbe storage)
{
    private static readonly object Alive = new { status = "ok" };

    /// <summary>Liveness: answers without any I/O, so it measures the process alone.</summary>
    [Function("Health_Live")]
    public Task<IActionResult> Live(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        api.Anonymous(request, _ => Task.FromResult<IActionResult>(ApiResult.Ok(Alive)));

    /// <summary>Readiness: a round-trip to the table and queue services.</summary>
    [Function("Health_Ready")]
    public Task<IActionResult> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request) =>
        api.Anonymous(request, async call =>
            await storage.CheckAsync(call.Aborted) is { } problem
                ? ApiResult.Error(StatusCodes.Status503ServiceUnavailable, problem)
                : ApiResult.Ok(new { status = "ready" }));
}
