using System.Text.Json.Serialization;
using Sentier.Core.Webhooks;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// ActiveTrail's webhook item (<c>UserApiEventItem</c>), plus <c>event_types</c> and
/// <c>disabled_reason</c>. Never the secret, nor a header parameter's value in clear. <c>parameters</c>
/// is null when the list was asked with <c>IsIgnoreParameters=true</c>.
/// </summary>
public record WebhookResponse(
    long Id,
    string Name,
    string Url,
    string EventType,
    IReadOnlyList<string> EventTypes,
    string Format,
    [property: JsonPropertyName("stateid")] int StateId,
    bool IsActive,
    IReadOnlyList<WebhookParameterResponse>? Parameters,
    string TargetTypeId,
    DateTimeOffset DateCreatedUtc,
    DateTimeOffset DateUpdatedUtc,
    string? DisabledReason)
{
    public static WebhookResponse From(WebhookSubscription subscription) => From(subscription, withParameters: true);

    public static WebhookResponse From(WebhookSubscription subscription, bool withParameters)
    {
        var eventTypes = subscription.EventTypes.Select(WebhookEventTypes.Name).ToList();
        return new(
            subscription.Id,
            subscription.Name,
            subscription.Url.OriginalString,
            eventTypes[0],
            eventTypes,
            "json",
            subscription.IsActive ? 1 : 0,
            subscription.IsActive,
            withParameters ? subscription.Parameters.Select(WebhookParameterResponse.From).ToList() : null,
            WebhookDefinition.WireName(subscription.Target),
            subscription.Created,
            subscription.Updated,
            subscription.DisabledReason);
    }
}

/// <summary>The answer to a create: the webhook and its signing secret, which reads do not show.</summary>
public sealed record CreatedWebhookResponse : WebhookResponse
{
    private CreatedWebhookResponse(WebhookResponse webhook, string secret)
        : base(webhook)
    {
        Secret = secret;
    }

    public string Secret { get; }

    public static CreatedWebhookResponse From(WebhookSubscription subscription, string secret) => new(From(subscription), secret);
}

/// <summary>A parameter as answers show it: a <c>custom_text</c> header's value masked (<see cref="HeaderParameterMask"/>).</summary>
public sealed record WebhookParameterResponse(int Id, string Key, string Value, string EventParameterType, string EventValueType, string? UserField)
{
    public static WebhookParameterResponse From(WebhookParameter parameter) => new(
        parameter.Id, parameter.Key, HeaderParameterMask.Shown(parameter),
        WebhookDefinition.WireName(parameter.Placement), WebhookDefinition.WireName(parameter.Source), parameter.UserField);
}

/// <summary>A signing secret (<c>GET …/secret</c>, <c>POST …/secret/rotate</c>).</summary>
public sealed record WebhookSecretResponse(string Secret);

/// <summary>
/// How the receiver answered a Test ping. <c>success</c> is a 2xx; otherwise <c>error</c> says why
/// (refused address, connection failure, timeout, HTTP status).
/// </summary>
public sealed record WebhookTestResponse(
    string EventId, bool Success, string Outcome, int? StatusCode, double LatencyMs, string? Error, string ResponseBody)
{
    public static WebhookTestResponse From(WebhookTestResult result) => new(
        result.EventId,
        result.Attempt.Outcome == AttemptOutcome.Delivered,
        result.Attempt.OutcomeName,
        result.Attempt.StatusCode,
        Math.Round(result.Attempt.Duration.TotalMilliseconds, 1),
        result.Attempt.Error,
        result.Attempt.ResponseBody);
}
