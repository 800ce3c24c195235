using Microsoft.AspNetCore.HttpOverrides;

namespace Sentier.DevHost.Http;

/// <summary>
/// The forwarded-headers step the isolated worker runs on every request from the Functions host
/// (<c>ConfigureFunctionsWebApplication</c> in Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore):
/// all X-Forwarded-* headers, with ASP.NET Core's other defaults untouched — one entry consumed
/// (<c>ForwardLimit</c> 1), and only from a loopback peer (the host's proxy). The right-most
/// <c>X-Forwarded-For</c> entry becomes the connection's remote address and leaves the header.
/// The DevHost runs the same step, so a loopback test client stands where the host's proxy stands.
/// </summary>
public static class WorkerForwardedHeaders
{
    public static void Configure(ForwardedHeadersOptions options) => options.ForwardedHeaders = ForwardedHeaders.All;
}
