using Microsoft.AspNetCore.Mvc;

namespace Sentier.Functions.Http;

/// <summary>A 200 with a <c>text/plain</c> body, for the callers that read a bare value (Meta's webhook handshake).</summary>
public sealed class PlainTextResult(string text) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        response.StatusCode = 200;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = utf8.Length;
        await response.Body.WriteAsync(utf8, context.HttpContext.RequestAborted);
    }
}
