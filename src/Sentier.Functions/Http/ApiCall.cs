using System.Net;
using Microsoft.AspNetCore.Http;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Functions.Http;

/// <summary>One API request as a handler sees it: the caller, the body, paging and cancellation.</summary>
public sealed class ApiCall
{
    private readonly Caller? _caller;
    private readonly long _maxBodyBytes;

    internal ApiCall(HttpRequest request, Caller? caller, IPAddress? clientAddress, long maxBodyBytes)
    {
        Request = request;
        _caller = caller;
        ClientAddress = clientAddress;
        _maxBodyBytes = maxBodyBytes;
    }

    public HttpRequest Request { get; }

    public IPAddress? ClientAddress { get; }

    public CancellationToken Aborted => Request.HttpContext.RequestAborted;

    /// <summary>The authenticated caller; only endpoints that require a token may ask.</summary>
    public Caller Caller => _caller ?? throw new InvalidOperationException("This endpoint does not authenticate its caller.");

    public PageRequest Page() =>
        PageRequest.Parse(Query("Page"), Query("Limit"), Query("Continuation"));

    /// <summary>A query value by name, case-insensitively; empty values count as absent.</summary>
    public string? Query(string name) =>
        Request.Query.TryGetValue(name, out var values) && values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } value
            ? value
            : null;

    /// <summary>Reads a JSON object body within the size limit.</summary>
    public async Task<JsonBody> ReadJsonAsync()
    {
        RequireJsonContentType();
        if (Request.ContentLength > _maxBodyBytes)
        {
            throw TooLarge();
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, Aborted)) > 0)
        {
            if (buffer.Length + read > _maxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return JsonBody.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private void RequireJsonContentType()
    {
        var contentType = Request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            // Many integration tools omit the header on JSON posts; the body is still parsed strictly.
            return;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException($"Send the body as JSON (Content-Type: application/json), not '{MessageText.Clip(mediaType)}'.");
        }
    }

    private RequestTooLargeException TooLarge() =>
        new($"The request body is larger than the limit of {_maxBodyBytes} bytes.");
}
