using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Sentier.DevHost.Tests.Samples;

// Samples the DevHost must reject, some next to the form it accepts. They are internal, so
// FunctionCatalog.Discover never sees them when a DevHost serves this assembly (it reads exported
// types only); the catalog tests hand them over through a TypeSubsetAssembly instead.

/// <summary>A [Function] whose parameters carry no trigger the DevHost supports.</summary>
internal sealed class NoTriggerSample
{
    public const string Name = "Broken_NoTrigger";

    [Function(Name)]
    public static void Run(string input) => _ = input;
}

internal sealed class DuplicateNameSampleA
{
    public const string Name = "Broken_Duplicate";

    [Function(Name)]
    public static void Run([QueueTrigger("duplicate-a")] string message) => _ = message;
}

/// <summary>The same function name in other casing: the Functions host treats names case-insensitively.</summary>
internal sealed class DuplicateNameSampleB
{
    [Function("broken_duplicate")]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => Results.Ok(request.Path.Value);
}

/// <summary>A queue function with a parameter no queue trigger supplies.</summary>
internal sealed class QueueExtraParameterSample
{
    public const string Name = "Broken_QueueExtraParameter";
    public const string Queue = "broken-queue-extra";

    [Function(Name)]
    public static void Run([QueueTrigger(Queue)] string message, string other) => _ = message + other;
}

/// <summary>The same queue function with only what a queue trigger supplies: the message and a CancellationToken.</summary>
internal sealed class QueueSupportedParametersSample
{
    public const string Name = "Valid_QueueParameters";

    [Function(Name)]
    public static void Run([QueueTrigger(QueueExtraParameterSample.Queue)] string message, CancellationToken cancellationToken) =>
        _ = (message, cancellationToken);
}

/// <summary>A timer function with a parameter no timer supplies.</summary>
internal sealed class TimerExtraParameterSample
{
    public const string Name = "Broken_TimerExtraParameter";

    [Function(Name)]
    public static void Run([TimerTrigger(SampleTimerFunctions.YearlySchedule)] TimerInfo timer, string other) => _ = (timer, other);
}

/// <summary>The same timer function with only what a timer supplies: its TimerInfo and a CancellationToken.</summary>
internal sealed class TimerSupportedParametersSample
{
    public const string Name = "Valid_TimerParameters";

    [Function(Name)]
    public static void Run([TimerTrigger(SampleTimerFunctions.YearlySchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        _ = (timer, cancellationToken);
}

/// <summary>A route in the Functions host's own <c>admin</c> space.</summary>
internal sealed class AdminRouteSample
{
    public const string Name = "Broken_AdminRoute";

    [Function(Name)]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "admin/accounts")] HttpRequest request) =>
        Results.Ok(request.Path.Value);
}

/// <summary>The <c>runtime</c> space, reached through a leading slash and other casing.</summary>
internal sealed class RuntimeRouteSample
{
    public const string Name = "Broken_RuntimeRoute";

    [Function(Name)]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "/Runtime/status")] HttpRequest request) =>
        Results.Ok(request.Path.Value);
}

/// <summary>The host compares a plain string prefix, not a path segment: <c>administrators</c> is refused too.</summary>
internal sealed class AdminWordPrefixSample
{
    public const string Name = "Broken_AdminWordPrefix";

    [Function(Name)]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "administrators/{id}")] HttpRequest request, string id) =>
        Results.Ok(request.Path.Value + id);
}

/// <summary>No route: the function's name is its route, and this name starts with <c>admin</c>.</summary>
internal sealed class AdminNamedSample
{
    public const string Name = "AdminReport";

    [Function(Name)]
    public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => Results.Ok(request.Path.Value);
}

/// <summary>The reserved words anywhere but at the start of the route are ordinary routes.</summary>
internal sealed class ReservedWordsLaterInTheRouteSample
{
    public const string OperatorName = "Valid_OperatorAdmin";
    public const string NestedRuntimeName = "Valid_NestedRuntime";

    [Function(OperatorName)]
    public static IResult Operator([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/admin")] HttpRequest request) =>
        Results.Ok(request.Path.Value);

    [Function(NestedRuntimeName)]
    public static IResult NestedRuntime([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/runtime")] HttpRequest request) =>
        Results.Ok(request.Path.Value);
}

/// <summary>An assembly whose exported types are exactly the ones given, for FunctionCatalog.Discover.</summary>
internal sealed class TypeSubsetAssembly(params Type[] types) : Assembly
{
    public override string FullName => "Sentier.DevHost.Tests.TypeSubset";

    public override Type[] GetExportedTypes() => types;
}
