using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Sentier.DevHost.Tests.Samples;

// Samples the DevHost must reject. They are internal, so FunctionCatalog.Discover never sees them
// when a DevHost serves this assembly (it reads exported types only); the catalog tests hand them
// over through a TypeSubsetAssembly instead.

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

/// <summary>An assembly whose exported types are exactly the ones given, for FunctionCatalog.Discover.</summary>
internal sealed class TypeSubsetAssembly(params Type[] types) : Assembly
{
    public override string FullName => "Sentier.DevHost.Tests.TypeSubset";

    public override Type[] GetExportedTypes() => types;
}
