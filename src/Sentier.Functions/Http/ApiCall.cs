using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tokens;

namespace Sentier.Functions.Http;

/// <summary>One API request as a handler sees it: the caller, the body, paging and cancellation.</summary>
public sealed class ApiCall
{
    private readonly Caller? _caller;
    private readonly long _maxBodyBytes;

    public const string ChangeSourceHeader = "X-Change-Source";

    private const string FormContentType = "application/x-www-form-urlencoded";

    internal ApiCall(HttpRequest request, Caller? caller, IPAddress? clientAddress, long maxBodyBytes, long maxImportBodyBytes)
    {
        Request = request;
        _caller = caller;
        ClientAddress = clientAddress;
        _maxBodyBytes = maxBodyBytes;
        MaxImportBodyBytes = maxImportBodyBytes;
    }

    public long MaxImportBodyBytes { get; }

    public HttpRequest Request { get; }

    public IPAddress? ClientAddress { get; }

    public CancellationToken Aborted => Request.HttpContext.RequestAborted;

    /// <summary>The id that ties this request's log lines to what its caller was told.</summary>
    public string CorrelationId => Request.HttpContext.TraceIdentifier;

    /// <summary>The authenticated caller; only endpoints that require a token may ask.</summary>
    public Caller Caller => _caller ?? throw new InvalidOperationException("This endpoint does not authenticate its caller.");

    public PageRequest Page() =>
        PageRequest.Parse(Query("Page"), Query("Limit"), Query("Continuation"));

    /// <summary>A query value by name, case-insensitively; empty values count as absent.</summary>
    public string? Query(string name) => QueryValues(name).FirstOrDefault();

    /// <summary>Every value of a query parameter (<c>CustomerStates=a&amp;CustomerStates=b</c>), empty ones left out.</summary>
    public IReadOnlyList<string> QueryValues(string name) =>
        Request.Query.TryGetValue(name, out var values)
            ? values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!).ToList()
            : [];

    /// <summary>Who makes this change: the calling app, and the source the request declares (<c>X-Change-Source</c>).</summary>
    public ChangeContext Change(ChangeSource fallback = ChangeSource.Api) =>
        new(ChangeSources.FromHeader(Request.Headers[ChangeSourceHeader].FirstOrDefault(), fallback), Caller.App.Id);

    /// <summary>Reads a JSON object body within the size limit.</summary>
    public async Task<JsonBody> ReadJsonAsync() => await ReadJsonAsync(_maxBodyBytes);

    /// <summary>Reads a JSON object body within <paramref name="maxBytes"/>.</summary>
    public async Task<JsonBody> ReadJsonAsync(long maxBytes)
    {
        RequireJsonContentType();
        return JsonBody.Parse(await ReadBodyAsync(maxBytes));
    }

    /// <summary>The body's exact bytes within the size limit, for callers that verify a signature over them.</summary>
    public Task<ReadOnlyMemory<byte>> ReadBytesAsync() => ReadBodyAsync(_maxBodyBytes);

    /// <summary>
    /// A JSON body, or a form post read as one: web forms and some plugins post
    /// <c>application/x-www-form-urlencoded</c> to ActiveTrail.
    /// </summary>
    public async Task<JsonBody> ReadJsonOrFormAsync()
    {
        if (!IsMediaType(FormContentType))
        {
            return await ReadJsonAsync();
        }

        var body = await ReadBodyAsync(_maxBodyBytes);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestException("The form body is not valid UTF-8 text.");
        }

        var form = QueryHelpers.ParseQuery(text);
        return JsonBody.FromForm(form.Select(field => new KeyValuePair<string, string?>(field.Key, field.Value.LastOrDefault())));
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(long maxBytes)
    {
        if (Request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, Aborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private bool IsMediaType(string mediaType) =>
        Request.ContentType?.Split(';', 2)[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase) == true;

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

    private static RequestTooLargeException TooLarge(long maxBytes) =>
        new($"The request body is larger than the limit of {maxBytes} bytes.");
}
