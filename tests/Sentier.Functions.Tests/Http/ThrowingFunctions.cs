using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Functions.Http;

namespace Sentier.Functions.Tests.Http;

/// <summary>Test-only functions, served by a DevHost started with this assembly, that fail the way a bug would.</summary>
public sealed class ThrowingFunctions(ApiEndpoint api)
{
    public const string Secret = "secret internal detail";

    [Function("Test_Throw")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "test/throw")] HttpRequest request) =>
        api.Anonymous(request, _ => throw new InvalidOperationException(Secret));

    [Function("Test_Throw_Async")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "test/throw-async")] HttpRequest request) =>
        api.Anonymous(request, async _ =>
        {
            await Task.Yield();
            throw new NullReferenceException(Secret);
        });
}
