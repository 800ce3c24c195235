using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Tokens;
using Sentier.Functions.Http;

namespace Sentier.Functions.Accounts;

public sealed class AccountFunctions(ApiEndpoint api)
{
    /// <summary>
    /// The caller comes from the token cache as an immutable snapshot, so its response is rendered
    /// once per snapshot: integrations poll this endpoint, and it should cost no more than the check.
    /// </summary>
    private static readonly ConditionalWeakTable<Caller, RenderedJson> Rendered = new();

    /// <summary>The token check integrations run as "test connection" (Zapier, Make).</summary>
    [Function("Account_Get")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "account")] HttpRequest request) =>
        api.WithToken(request, call => Task.FromResult<IActionResult>(
            ApiResult.Ok(Rendered.GetValue(call.Caller, caller => ApiResult.Render(CallerResponse.From(caller))))));
}
