using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Sentier.Core.Storage;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;

namespace Sentier.Functions.Health;

[ApiTag("Health", "Liveness and readiness for load balancers and monitors; no token needed.")]
public sealed class HealthFunctions(ApiEndpoint api, StorageHealthProbe storage, ILogger<HealthFunctions> logger)
{
    private static readonly HealthResponse AliveBody = new("ok");
    private static readonly HealthResponse ReadyBody = new("ready");

    /// <summary>Liveness: answers without any I/O, so it measures the process alone.</summary>
    [Function("Health_Live")]
    [ApiOperation("Health", "Liveness", Access = ApiAccess.Anonymous, Response = typeof(HealthResponse), ResponseExample = """{"status": "ok"}""",
        Description = "Answers without touching storage: the process is up.")]
    public Task<IActionResult> Live(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        api.Anonymous(request, _ => Task.FromResult<IActionResult>(ApiResult.Ok(AliveBody)));

    /// <summary>
    /// Readiness: a round-trip to the table and queue services. Anyone may call it, so what storage
    /// answered goes to the log only, under the correlation id the response carries.
    /// </summary>
    [Function("Health_Ready")]
    [ApiOperation("Health", "Readiness", Access = ApiAccess.Anonymous, Response = typeof(HealthResponse), ResponseExample = """{"status": "ready"}""",
        Description = "A round trip to table and queue storage. 503 when storage does not answer; the reason goes to the log only.")]
    public Task<IActionResult> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request) =>
        api.Anonymous(request, async call =>
        {
            if (await storage.CheckAsync(call.Aborted) is not { } problem)
            {
                return ApiResult.Ok(ReadyBody);
            }

            logger.LogWarning("Readiness check failed: {Problem} Correlation id {CorrelationId}", problem, call.CorrelationId);
            return ApiResult.Failure(StatusCodes.Status503ServiceUnavailable, "Not ready.", call.CorrelationId);
        });
}

public sealed record HealthResponse(string Status);
