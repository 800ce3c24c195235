using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Sentier.Core.Common;
using Sentier.Catalog;
using Sentier.DevHost.Catalog;
using Sentier.DevHost.Hosting;

namespace Sentier.DevHost.Http;

/// <summary>
/// Serves each HTTP-triggered function at <c>/{routePrefix}/{route}</c> with its methods. The route
/// template syntax is ASP.NET Core's in both hosts, and matching is case-insensitive in both.
/// </summary>
public static partial class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(
        this IEndpointRouteBuilder endpoints,
        IEnumerable<FunctionDefinition> functions,
        string routePrefix,
        ServedFunctions served)
    {
        var invoker = endpoints.ServiceProvider.GetRequiredService<FunctionInvoker>();
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpTriggerDefinition trigger)
            {
                continue;
            }

            RequireSupportedSignature(function);
            var route = ServedRoute(trigger.Route);
            var pattern = string.IsNullOrEmpty(routePrefix) ? "/" + route : $"/{routePrefix}/{route}";
            RequestDelegate handler = context => InvokeAsync(context, function, invoker);
            var endpoint = trigger.Methods.Count == 0
                ? endpoints.Map(pattern, handler)
                : endpoints.MapMethods(pattern, trigger.Methods.Select(m => m.ToUpperInvariant()), handler);
            endpoint.WithDisplayName(function.Name);
            served.Add(new ServedFunction(function.Name, "httpTrigger", trigger.Methods, trigger.Route, null, null, null));
        }
    }

    private static async Task InvokeAsync(HttpContext context, FunctionDefinition function, FunctionInvoker invoker)
    {
        var result = await invoker.InvokeAsync(function, (parameter, _) => Bind(parameter, context));
        switch (result)
        {
            case IActionResult actionResult:
                await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
        }
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        // Route parameters bind by name, as in the Functions host.
        var raw = context.GetRouteValue(parameter.Name!)?.ToString();
        if (raw is null)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        return parameter.ParameterType == typeof(string)
            ? raw
            : TypeDescriptor.GetConverter(parameter.ParameterType).ConvertFromString(null, CultureInfo.InvariantCulture, raw);
    }

    /// <summary>
    /// The route without its optional segments that must stay empty (<c>{index:maxlength(0)?}</c>,
    /// the way to serve the route prefix itself, since the Functions host serves an empty route at
    /// the function's name). It matches the same paths. The Functions host checks a route's
    /// constraints and methods together, so a path such a segment rejects is 404 there whatever the
    /// method; endpoint routing would pick the method first and answer 405 for every one-segment path.
    /// </summary>
    public static string ServedRoute(string route) =>
        string.Join('/', route.Split('/').Where(segment => !EmptyOnlySegment().IsMatch(segment)));

    [System.Text.RegularExpressions.GeneratedRegex(@"^\{\w+:maxlength\(0\)\?\}$")]
    private static partial System.Text.RegularExpressions.Regex EmptyOnlySegment();

    /// <summary>Fails at startup, not at the first request, when a function uses a binding the DevHost cannot supply.</summary>
    private static void RequireSupportedSignature(FunctionDefinition function)
    {
        var routeParameters = RoutePatternFactory.Parse(((HttpTriggerDefinition)function.Trigger).Route).Parameters
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in function.Method.GetParameters())
        {
            var supported = parameter.ParameterType == typeof(HttpRequest)
                || parameter.ParameterType == typeof(CancellationToken)
                || routeParameters.Contains(parameter.Name!);
            if (!supported)
            {
                throw new NotSupportedException(
                    $"Function '{function.Name}': the DevHost cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
            }
        }
    }

    /// <summary>
    /// Unmatched routes and methods get the API's JSON error shape. (The Functions host answers
    /// these itself, with an empty 404; see docs/architecture.md.)
    /// </summary>
    public static Task WriteUnmatchedAsync(HttpContext context)
    {
        var message = context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
            ? $"{context.Request.Method} is not allowed on {context.Request.Path}."
            : $"No API route matches {context.Request.Path}.";
        context.Response.ContentType = Functions.Http.ApiResult.JsonContentType;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["Message"] = message }, SentierJson.Options);
    }
}
