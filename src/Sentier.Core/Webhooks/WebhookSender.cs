using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;

namespace Sentier.Core.Webhooks;

/// <summary>
/// Makes one delivery attempt: a signed POST through <see cref="OutboundHttpHandler"/>, classified
/// into an <see cref="AttemptOutcome"/> with what the delivery log keeps. Never throws for anything
/// the receiver or the network does; only the caller's own cancellation escapes.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int MaxResponseBodyBytes = 4096;
    private const int MaxErrorLength = 512;

    public static readonly string UserAgent = "Sentier-Webhooks/" +
        (typeof(WebhookSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly bool _allowHttp;
    private readonly SentierMetrics _metrics;
    private readonly TimeProvider _time;

    public WebhookSender(IOptions<WebhookOptions> options, OutboundAddressPolicy policy, SentierMetrics metrics, TimeProvider time)
    {
        _timeout = TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds);
        _allowHttp = options.Value.AllowHttp;
        _metrics = metrics;
        _time = time;
        // The attempt's own timeout covers connecting, the status line and the body's first 4 KB.
        _client = new HttpClient(OutboundHttpHandler.Create(policy, _timeout)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookAttempt> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var attempt = await AttemptAsync(request, startedAt, cancellationToken).ConfigureAwait(false);
        var result = attempt with { Duration = _time.GetElapsedTime(started) };
        _metrics.WebhookAttempt(result.OutcomeName, result.Duration);
        return result;
    }

    private async Task<WebhookAttempt> AttemptAsync(WebhookRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        WebhookAttempt Failed(AttemptOutcome outcome, string error) =>
            new(outcome, startedAt, TimeSpan.Zero, null, MessageText.Clip(error, MaxErrorLength), "", null);

        if (WebhookUrlRules.RefusalReason(request.Url, _allowHttp) is { } schemeRefusal)
        {
            return Failed(AttemptOutcome.Refused, new DestinationRefusedException(schemeRefusal).Message);
        }

        using var message = BuildMessage(request, startedAt);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var (body, bodyError) = await ReadStartAsync(response, linked.Token, cancellationToken).ConfigureAwait(false);
            var (outcome, error) = Classify(response);
            return new WebhookAttempt(
                outcome, startedAt, TimeSpan.Zero, status,
                error is null ? bodyError : MessageText.Clip(error, MaxErrorLength),
                body, RetryAfter(response, _time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(AttemptOutcome.TimedOut, $"no answer within {_timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException failure) when (Refusal(failure) is { } refusal)
        {
            return Failed(AttemptOutcome.Refused, refusal.Message);
        }
        catch (HttpRequestException failure)
        {
            return Failed(AttemptOutcome.ConnectionFailed, Describe(failure));
        }
    }

    private static HttpRequestMessage BuildMessage(WebhookRequest request, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var message = new HttpRequestMessage(HttpMethod.Post, WithQuery(request.Url, request.QueryValues))
        {
            Content = new ReadOnlyMemoryContent(request.Body) { Headers = { ContentType = Json } },
        };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, WebhookParameterRules.ToHeaderValue(value));
        }

        message.Headers.TryAddWithoutValidation("webhook-id", request.WebhookId);
        message.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(request.WebhookId, timestamp, request.Body.Span, request.Secrets));
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return message;
    }

    private static Uri WithQuery(Uri url, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0)
        {
            return url;
        }

        var query = new StringBuilder(url.Query.TrimStart('?'));
        foreach (var (name, value) in values)
        {
            query.Append(query.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return new UriBuilder(url) { Query = query.ToString() }.Uri;
    }

    /// <summary>
    /// At most <see cref="MaxResponseBodyBytes"/> bytes, however large or slow the body is. A body
    /// that stalls after the status line does not change the outcome: the receiver has answered.
    /// </summary>
    private async Task<(string Body, string? Error)> ReadStartAsync(HttpResponseMessage response, CancellationToken attemptToken, CancellationToken callerToken)
    {
        var buffer = new byte[MaxResponseBodyBytes];
        var read = 0;
        string? error = null;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(attemptToken).ConfigureAwait(false);
            int count;
            while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), attemptToken).ConfigureAwait(false)) > 0)
            {
                read += count;
            }
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            error = $"the response body did not arrive within {_timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException failure)
        {
            error = MessageText.Clip("reading the response body failed: " + Describe(failure), MaxErrorLength);
        }
        catch (IOException failure)
        {
            error = MessageText.Clip("reading the response body failed: " + failure.Message, MaxErrorLength);
        }

        return (Encoding.UTF8.GetString(buffer, 0, read), error);
    }

    private static (AttemptOutcome Outcome, string? Error) Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => (AttemptOutcome.Delivered, null),
            (int)HttpStatusCode.Gone => (AttemptOutcome.Gone, "HTTP 410 Gone: the receiver no longer wants these events"),
            >= 300 and < 400 => (AttemptOutcome.HttpError,
                $"HTTP {status}: redirects are not followed; answer 2xx at the subscription's URL" +
                (response.Headers.Location is { } location ? $" (Location: {location})" : "")),
            _ => (AttemptOutcome.HttpError, $"HTTP {status} {response.ReasonPhrase}".TrimEnd()),
        };
    }

    /// <summary><c>Retry-After</c> in seconds or as an HTTP date; a date in the past is no wait.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static DestinationRefusedException? Refusal(Exception failure)
    {
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is DestinationRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string Describe(HttpRequestException failure) =>
        failure.InnerException is { } inner && !failure.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{failure.Message} {inner.Message}"
            : failure.Message;

    public void Dispose() => _client.Dispose();
}
