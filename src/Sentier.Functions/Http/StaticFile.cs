using Microsoft.AspNetCore.Mvc;

namespace Sentier.Functions.Http;

/// <summary>A 200 with a file's bytes, its content type and how long a browser may keep it.</summary>
public sealed class StaticFile(byte[] content, string contentType, string cacheControl) : IActionResult
{
    public const string JavaScript = "text/javascript; charset=utf-8";

    public byte[] Content => content;

    public string? ContentSecurityPolicy { get; init; }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = content.Length;
        response.Headers.CacheControl = cacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        if (ContentSecurityPolicy is { } policy)
        {
            response.Headers.ContentSecurityPolicy = policy;
        }

        await response.Body.WriteAsync(content, context.HttpContext.RequestAborted);
    }
}
