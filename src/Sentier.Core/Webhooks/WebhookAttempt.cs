namespace Sentier.Core.Webhooks;

/// <summary>How one attempt ended.</summary>
public enum AttemptOutcome
{
    /// <summary>2xx.</summary>
    Delivered,

    /// <summary>Any other status, 3xx included (redirects are not followed). Retried: receivers misconfigure and recover.</summary>
    HttpError,

    /// <summary>410: the receiver no longer wants these events; the subscription is to be disabled, not retried.</summary>
    Gone,

    /// <summary>No status line within <c>Webhooks:AttemptTimeoutSeconds</c>. Retried.</summary>
    TimedOut,

    /// <summary>DNS, TCP or TLS failed. Retried.</summary>
    ConnectionFailed,

    /// <summary>The URL's scheme or every address it resolves to is not allowed (<see cref="OutboundAddressPolicy"/>). Retried: DNS or settings may change.</summary>
    Refused,
}

/// <summary>What the delivery log records of one attempt.</summary>
/// <param name="StatusCode">The receiver's status, when it answered.</param>
/// <param name="Error">Why the attempt did not succeed, in words safe to show the subscription's owner; null on success.</param>
/// <param name="ResponseBody">The first <see cref="WebhookSender.MaxResponseBodyBytes"/> bytes of the answer, as UTF-8.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> (seconds or an HTTP date), as a delay from the answer.</param>
public sealed record WebhookAttempt(
    AttemptOutcome Outcome,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int? StatusCode,
    string? Error,
    string ResponseBody,
    TimeSpan? RetryAfter)
{
    public bool ShouldRetry => Outcome is not (AttemptOutcome.Delivered or AttemptOutcome.Gone);

    /// <summary>The metric tag and log value: <c>delivered</c>, <c>http_error</c>, <c>gone</c>, <c>timed_out</c>, <c>connection_failed</c>, <c>refused</c>.</summary>
    public string OutcomeName => Outcome switch
    {
        AttemptOutcome.Delivered => "delivered",
        AttemptOutcome.HttpError => "http_error",
        AttemptOutcome.Gone => "gone",
        AttemptOutcome.TimedOut => "timed_out",
        AttemptOutcome.ConnectionFailed => "connection_failed",
        AttemptOutcome.Refused => "refused",
        _ => throw new System.Diagnostics.UnreachableException(),
    };
}
