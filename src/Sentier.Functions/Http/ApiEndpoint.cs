using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentier.Core.Accounts;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Functions.Http;

/// <summary>
/// What every HTTP function runs its handler through: authentication (API token or admin key),
/// the token's scope, body limits and the mapping of failures to <c>{"Message": ...}</c>
/// responses. It is called from the function methods themselves, not from worker middleware, so
/// the Functions host and the DevHost execute exactly the same checks, and each function states
/// its access where it binds its trigger.
/// </summary>
public sealed class ApiEndpoint(
    TokenAuthenticator authenticator,
    AdminKeyVerifier adminKeys,
    IOptions<SentierOptions> options,
    SentierMetrics metrics,
    ILogger<ApiEndpoint> logger)
{
    public const string AdminKeyHeader = "X-Admin-Key";

    private readonly SentierOptions _options = options.Value;

    /// <summary>No credentials needed (health checks).</summary>
    public Task<IActionResult> Anonymous(HttpRequest request, Func<ApiCall, Task<IActionResult>> handler) =>
        RunAsync(request, Access.Anonymous, Scope.None, handler);

    /// <summary>
    /// A live API app token of the account that holds <paramref name="scope"/> (403 naming it
    /// otherwise); the handler sees only that account.
    /// </summary>
    public Task<IActionResult> WithToken(HttpRequest request, Scope scope, Func<ApiCall, Task<IActionResult>> handler)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(scope, Scope.None);
        return RunAsync(request, Access.Token, scope, handler);
    }

    /// <summary>
    /// Any live API app token, whatever its scopes: only for the token checks integrations run
    /// ("test connection"), which every app must be able to make.
    /// </summary>
    public Task<IActionResult> WithAnyToken(HttpRequest request, Func<ApiCall, Task<IActionResult>> handler) =>
        RunAsync(request, Access.Token, Scope.None, handler);

    /// <summary>The operator's <c>X-Admin-Key</c>.</summary>
    public Task<IActionResult> WithAdminKey(HttpRequest request, Func<ApiCall, Task<IActionResult>> handler) =>
        RunAsync(request, Access.Admin, Scope.None, handler);

    private async Task<IActionResult> RunAsync(HttpRequest request, Access access, Scope scope, Func<ApiCall, Task<IActionResult>> handler)
    {
        var context = request.HttpContext;
        try
        {
            var clientAddress = ClientIpResolver.Resolve(
                context.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"], _options.TrustedProxyHops);
            Caller? caller = null;
            switch (access)
            {
                case Access.Token:
                    caller = await authenticator.AuthenticateAsync(request.Headers.Authorization, clientAddress, context.RequestAborted);
                    caller.App.Scopes.Require(scope);
                    break;
                case Access.Admin:
                    adminKeys.Verify(request.Headers[AdminKeyHeader]);
                    break;
            }

            return await handler(new ApiCall(request, caller, clientAddress, _options.MaxRequestBodyBytes, _options.MaxImportBodyBytes));
        }
        catch (SentierException ex)
        {
            var status = StatusFor(ex);
            if (ex is AuthenticationFailedException or AccessDeniedException)
            {
                metrics.RejectedCall(status);
            }

            return ApiResult.Error(status, ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits and malformed framing.
            return ApiResult.Error(ex.StatusCode, "The request could not be read: " + ex.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads this response.
            return ApiResult.NoContent();
        }
        catch (Exception ex)
        {
            var correlationId = context.TraceIdentifier;
            var storageUnavailable = ex is RequestFailedException { Status: 0 or >= 500 } or AggregateException or TimeoutException;
            logger.LogError(ex, "Request {Method} {Path} failed; correlation id {CorrelationId}", request.Method, request.Path, correlationId);
            return storageUnavailable
                ? ApiResult.Failure(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable; try again shortly.", correlationId)
                : ApiResult.Failure(StatusCodes.Status500InternalServerError, "An unexpected error occurred.", correlationId);
        }
    }

    private static int StatusFor(SentierException ex) => ex switch
    {
        InvalidRequestException => StatusCodes.Status400BadRequest,
        AuthenticationFailedException => StatusCodes.Status401Unauthorized,
        AccessDeniedException => StatusCodes.Status403Forbidden,
        ResourceNotFoundException => StatusCodes.Status404NotFound,
        MethodNotAllowedException => StatusCodes.Status405MethodNotAllowed,
        ConflictException => StatusCodes.Status409Conflict,
        RequestTooLargeException => StatusCodes.Status413PayloadTooLarge,
        UnsupportedMediaTypeException => StatusCodes.Status415UnsupportedMediaType,
        UpstreamFailedException => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status400BadRequest,
    };

    private enum Access
    {
        Anonymous,
        Token,
        Admin,
    }
}
