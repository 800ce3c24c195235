using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Catalog;

namespace Sentier.DevHost.Hosting;

/// <summary>
/// Calls a function method as the worker does: a new instance of its class per invocation, built
/// from a fresh DI scope, with each parameter bound by the trigger that runs it.
/// </summary>
public sealed class FunctionInvoker(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Type, ObjectFactory> _factories = new();

    public async Task<object?> InvokeAsync(FunctionDefinition function, Func<ParameterInfo, IServiceProvider, object?> bindParameter)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instance = function.Method.IsStatic
            ? null
            : _factories.GetOrAdd(function.DeclaringType, type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes))(scope.ServiceProvider, null);
        var arguments = function.Method.GetParameters().Select(p => bindParameter(p, scope.ServiceProvider)).ToArray();

        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        return await UnwrapAsync(returned, function.Method.ReturnType);
    }

    private static async Task<object?> UnwrapAsync(object? returned, Type declaredReturnType)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return declaredReturnType.IsGenericType && declaredReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                    ? declaredReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}
