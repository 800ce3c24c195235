using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Functions.Http;

namespace Sentier.Functions.Accounts;

public sealed class AccountFunctions(ApiEndpoint api)
{
    /// <summary>The token check integrations run as "test connection" (Zapier, Make).</summary>
    [Function("Account_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account")] HttpRequest request) =>
        api.WithToken(request, call => Task.FromResult<IActionResult>(ApiResult.Ok(CallerResponse.From(call.Caller))));
}
