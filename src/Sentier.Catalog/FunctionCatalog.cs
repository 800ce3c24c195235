using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Sentier.Catalog;

/// <summary>
/// Finds the functions in an assembly the way the Functions SDK's metadata generator does: every
/// method carrying <see cref="FunctionAttribute"/>, with its trigger read from the attribute on one
/// of its parameters. Routes, queue names and schedules therefore exist only in those attributes.
/// </summary>
public static partial class FunctionCatalog
{
    /// <summary>What a connection name means when a trigger names none.</summary>
    public const string DefaultConnection = "AzureWebJobsStorage";

    public static IReadOnlyList<FunctionDefinition> Discover(Assembly assembly, IConfiguration configuration)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    functions.Add(new FunctionDefinition(function.Name, method, ReadTrigger(function.Name, method, configuration)));
                }
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Function name '{duplicate.Key}' is declared more than once.");
        }

        return functions;
    }

    private static FunctionTrigger ReadTrigger(string functionName, MethodInfo method, IConfiguration configuration)
    {
        foreach (var parameter in method.GetParameters())
        {
            var name = parameter.Name!;
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            {
                var methods = (http.Methods ?? []).Select(m => m.ToLowerInvariant()).ToList();
                var route = string.IsNullOrEmpty(http.Route) ? functionName : http.Route;
                if (ReservedRoutes.PrefixOf(route) is { } reserved)
                {
                    throw new InvalidOperationException(
                        $"Function '{functionName}': route '{route}' starts with '{reserved}', which the Functions host keeps for its own endpoints; the host would not load this function.");
                }

                return new HttpTriggerDefinition(name, methods, route);
            }

            if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            {
                var connection = string.IsNullOrEmpty(queue.Connection) ? DefaultConnection : Resolve(queue.Connection, configuration);
                return new QueueTriggerDefinition(name, Resolve(queue.QueueName, configuration), connection);
            }

            if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            {
                return new TimerTriggerDefinition(name, Resolve(timer.Schedule, configuration), timer.RunOnStartup);
            }
        }

        throw new NotSupportedException(
            $"Function '{functionName}' has no HTTP, queue or timer trigger; the DevHost cannot run it.");
    }

    /// <summary>
    /// Whether the host's switch that keeps a function from being triggered is on: the app setting
    /// <c>AzureWebJobs.{name}.Disabled</c>, or <c>AzureWebJobs_{name}_Disabled</c> where setting names
    /// cannot hold dots (Linux), set to <c>true</c> (any case) or <c>1</c>, as the WebJobs SDK reads
    /// it. The DevHost then does not serve or listen for the function at all.
    /// </summary>
    public static bool IsDisabled(string functionName, IConfiguration configuration) =>
        (configuration[$"AzureWebJobs.{functionName}.Disabled"] ?? configuration[$"AzureWebJobs_{functionName}_Disabled"]) is { } value
        && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Replaces <c>%Setting%</c> with the app setting, as the Functions host does for names and schedules.</summary>
    public static string Resolve(string value, IConfiguration configuration) =>
        SettingReference().Replace(value, match =>
            configuration[match.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"App setting '{match.Groups[1].Value}' is referenced but not set."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
