using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Sentier.DevHost.Tests.Samples;

/// <summary>HTTP-triggered samples the DevHost serves whenever a test passes this assembly to it.</summary>
public sealed class SampleFunctions
{
    public const string GetName = "Sample_Get";
    public const string NoRouteName = "Sample_NoRoute";
    public const string GetRoute = "samples/{id}";
    public const string FilesName = "Sample_Files";
    public const string FilesRoute = "samples/files/{*path}";

    [Function(GetName)]
    public static IResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = GetRoute)] HttpRequest request,
        string id) =>
        Results.Json(new { id, method = request.Method });

    /// <summary>A catch-all parameter: <c>{*path}</c> takes the rest of the path, slashes included.</summary>
    [Function(FilesName)]
    public static IResult Files(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FilesRoute)] HttpRequest request,
        string path) =>
        Results.Json(new { path, method = request.Method });

    /// <summary>No route and no methods: served at its own name, for every method.</summary>
    [Function(NoRouteName)]
    public static IResult NoRoute([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequest request) =>
        Results.Json(new { method = request.Method });
}

/// <summary>
/// Echoes what a function sees of the connection once the host's pipeline ran. Internal, so only
/// the tests that hand it over in a TypeSubsetAssembly serve it.
/// </summary>
internal sealed class SampleConnectionFunctions
{
    public const string Route = "samples/connection";

    [Function("Sample_Connection")]
    public static IResult Connection([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        Results.Json(new
        {
            remote = request.HttpContext.Connection.RemoteIpAddress?.ToString(),
            forwardedFor = request.Headers["X-Forwarded-For"].ToString(),
            originalFor = request.Headers["X-Original-For"].ToString(),
            scheme = request.Scheme,
            host = request.Host.Value,
        });
}
