using System.Reflection;
using Microsoft.AspNetCore.HttpOverrides;
using Sentier.Catalog;
using Sentier.DevHost.Catalog;
using Sentier.DevHost.Http;
using Sentier.DevHost.Queues;
using Sentier.DevHost.Timers;
using Sentier.Functions.Http;

namespace Sentier.DevHost.Hosting;

/// <summary>
/// Runs the function classes of Sentier.Functions in one ASP.NET Core process, in place of the
/// Azure Functions host that cannot be installed offline. The application services come from the
/// same <see cref="SentierFunctionsServiceCollectionExtensions.AddSentierApp"/> the worker uses.
/// </summary>
public static class DevHostApplication
{
    public const int DefaultPort = 7071;

    /// <param name="args">
    /// Command line: <c>--urls</c>, <c>--settings &lt;local.settings.json&gt;</c>,
    /// <c>--DevHost:HostJson &lt;host.json&gt;</c>, or any configuration key.
    /// </param>
    /// <param name="additionalFunctionAssemblies">More assemblies to serve functions from (tests use this).</param>
    public static WebApplication Build(string[] args, params Assembly[] additionalFunctionAssemblies)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settingsPath = LocalSettings.Find(builder.Configuration["settings"]);
        if (settingsPath is not null)
        {
            LocalSettings.AddBelowExistingSources(builder.Configuration, LocalSettings.ReadValues(settingsPath));
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            var port = (settingsPath is null ? null : LocalSettings.ReadHttpPort(settingsPath)) ?? DefaultPort;
            builder.WebHost.UseUrls($"http://localhost:{port}");
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var hostJson = HostJson.Load(builder.Configuration["DevHost:HostJson"] ?? Path.Combine(AppContext.BaseDirectory, "host.json"));
        var assemblies = additionalFunctionAssemblies.Prepend(typeof(ApiEndpoint).Assembly).Distinct();
        var functions = assemblies
            .SelectMany(a => FunctionCatalog.Discover(a, builder.Configuration))
            .Where(function => !FunctionCatalog.IsDisabled(function.Name, builder.Configuration))
            .ToList();
        var served = new ServedFunctions();

        builder.Services.AddSentierApp(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(WorkerForwardedHeaders.Configure);
        builder.Services.AddSingleton<FunctionInvoker>();
        builder.Services.AddSingleton(served);
        builder.Services.AddSingleton<IReadOnlyList<FunctionDefinition>>(functions);
        AddBackgroundTriggers(builder.Services, functions, hostJson, served);

        var app = builder.Build();

        // The worker's pipeline order: forwarded headers, then routing (WebApplication would
        // otherwise put routing first).
        app.UseForwardedHeaders();
        app.UseRouting();
        app.UseStatusCodePages(context =>
            context.HttpContext.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
                ? HttpFunctionEndpoints.WriteUnmatchedAsync(context.HttpContext)
                : Task.CompletedTask);
        app.MapHttpFunctions(functions, hostJson.RoutePrefix, served);
        return app;
    }

    private static void AddBackgroundTriggers(IServiceCollection services, IEnumerable<FunctionDefinition> functions, HostJson hostJson, ServedFunctions served)
    {
        foreach (var function in functions)
        {
            switch (function.Trigger)
            {
                case QueueTriggerDefinition queue:
                    QueueTriggerListener.EnsureBindable(function);
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerListener>(sp, function, hostJson.Queues));
                    served.Add(new ServedFunction(function.Name, "queueTrigger", [], null, queue.QueueName, queue.Connection, null));
                    break;
                case TimerTriggerDefinition timer:
                    TimerSchedule.Parse(timer.Schedule);
                    TimerTriggerScheduler.EnsureBindable(function);
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(sp, function));
                    served.Add(new ServedFunction(function.Name, "timerTrigger", [], null, null, null, timer.Schedule));
                    break;
            }
        }
    }
}
