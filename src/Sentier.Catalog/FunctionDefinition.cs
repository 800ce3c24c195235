using System.Reflection;

namespace Sentier.Catalog;

/// <summary>One <c>[Function]</c> method and the trigger it declares, with app settings resolved.</summary>
public sealed record FunctionDefinition(string Name, MethodInfo Method, FunctionTrigger Trigger)
{
    public Type DeclaringType => Method.DeclaringType!;
}

public abstract record FunctionTrigger(string ParameterName);

/// <param name="Methods">Lower-case HTTP methods; empty means every method, as in the Functions host.</param>
/// <param name="Route">The route template without the route prefix.</param>
public sealed record HttpTriggerDefinition(string ParameterName, IReadOnlyList<string> Methods, string Route)
    : FunctionTrigger(ParameterName);

public sealed record QueueTriggerDefinition(string ParameterName, string QueueName, string Connection)
    : FunctionTrigger(ParameterName);

public sealed record TimerTriggerDefinition(string ParameterName, string Schedule, bool RunOnStartup)
    : FunctionTrigger(ParameterName);
