using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sentier.Testing;

/// <summary>Kestrel on 127.0.0.1 with a port chosen by the OS, answering every request with one handler: the stand-ins for outside servers.</summary>
internal static class LoopbackServer
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return (app, new Uri(address));
    }

    /// <summary>Stops without waiting for requests a test left hanging.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }
}
