using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Sentier.Core.Common;

namespace Sentier.Functions.Http;

/// <summary>
/// Every response the API writes: a status, optional headers and a JSON body serialised with
/// <see cref="SentierJson.Options"/>. It writes straight to the response, so it needs no MVC
/// services and behaves the same under the Functions host and the DevHost.
/// </summary>
public sealed class ApiResult : IActionResult
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ContinuationHeader = "X-Continuation";
    public const string CorrelationHeader = "X-Correlation-Id";

    private readonly object? _body;
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    private ApiResult(int statusCode, object? body)
    {
        StatusCode = statusCode;
        _body = body;
    }

    public int StatusCode { get; }

    public static ApiResult Ok(object body) => new(StatusCodes.Status200OK, body);

    /// <summary>200 with a body already rendered by <see cref="Render"/>, for responses worth rendering once.</summary>
    public static ApiResult Ok(RenderedJson body) => new(StatusCodes.Status200OK, body);

    /// <summary>Serialises a response body the way every response is written.</summary>
    public static RenderedJson Render(object body) =>
        new(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), SentierJson.Options));

    public static ApiResult Created(object body) => new(StatusCodes.Status201Created, body);

    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent, null);

    /// <summary>202: the work was queued; the body shows the resource as it is now.</summary>
    public static ApiResult Accepted(object body) => new(StatusCodes.Status202Accepted, body);

    /// <summary>ActiveTrail's error shape: <c>{"Message": "..."}</c>, with that exact casing.</summary>
    public static ApiResult Error(int statusCode, string message) =>
        new(statusCode, new Dictionary<string, string> { ["Message"] = message });

    /// <summary>
    /// An error whose details went to the log under <paramref name="correlationId"/>: the caller gets
    /// the id (in the message and <c>X-Correlation-Id</c>) to quote, and nothing of the details.
    /// </summary>
    public static ApiResult Failure(int statusCode, string message, string correlationId) =>
        Error(statusCode, $"{message} Correlation id: {correlationId}.").WithHeader(CorrelationHeader, correlationId);

    /// <summary>A bare JSON array of one page; the continuation goes in a header so the body stays an array.</summary>
    public static ApiResult List<T, TOut>(ItemPage<T> page, Func<T, TOut> map)
    {
        var result = new ApiResult(StatusCodes.Status200OK, page.Items.Select(map).ToList());
        if (page.Continuation is { } continuation)
        {
            result._headers[ContinuationHeader] = continuation;
        }

        return result;
    }

    public ApiResult WithHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
        {
            response.Headers[name] = value;
        }

        if (_body is null)
        {
            return;
        }

        // Bodies are small and bounded by paging: one buffer lets the response carry a
        // Content-Length instead of chunked framing, which is cheaper for clients to read.
        var utf8 = _body is RenderedJson rendered ? rendered.Utf8 : Render(_body).Utf8;
        response.ContentType = JsonContentType;
        response.ContentLength = utf8.Length;
        await response.Body.WriteAsync(utf8, context.HttpContext.RequestAborted);
    }
}

/// <summary>A response body serialised once and written as it is, as often as needed.</summary>
public sealed record RenderedJson(byte[] Utf8);
