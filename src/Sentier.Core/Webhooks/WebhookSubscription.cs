using System.Text.Json.Serialization;
using Azure;
using Sentier.Core.Contacts;

namespace Sentier.Core.Webhooks;

/// <summary>Who the subscription is for: ActiveTrail's <c>target_type_id</c>.</summary>
public enum WebhookTarget
{
    Api,
    Zapier,
}

/// <summary>Where a parameter goes: ActiveTrail's <c>event_parameter_type</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookParameterPlacement>))]
public enum WebhookParameterPlacement
{
    Header,
    Body,
    Query,
}

/// <summary>Where a parameter's value comes from: ActiveTrail's <c>event_value_type</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookValueSource>))]
public enum WebhookValueSource
{
    CustomText,
    UserField,
}

/// <summary>A value sent with every call of a subscription.</summary>
/// <param name="Id">Its position in the subscription's list, from 1.</param>
/// <param name="UserField">The contact field the value is taken from, when <see cref="Source"/> is <see cref="WebhookValueSource.UserField"/>.</param>
public sealed record WebhookParameter(
    int Id, string Key, string Value, WebhookParameterPlacement Placement, WebhookValueSource Source, string? UserField)
{
    /// <summary>What is sent for an event about <paramref name="contact"/>: the custom text, or that contact's field (empty when it has none).</summary>
    public string ValueFor(Contact? contact) => Source switch
    {
        WebhookValueSource.CustomText => Value,
        _ => contact is null ? "" : WebhookUserFields.ValueOf(contact, UserField!),
    };
}

/// <summary>
/// A webhook subscription of one account. The signing secrets are held only in their encrypted
/// form; <see cref="WebhookService"/> decrypts them when something is to be signed or shown.
/// </summary>
/// <param name="DisabledReason">Why the system turned the subscription off (null when it is on or a person turned it off).</param>
/// <param name="PreviousSecretExpires">Until when the secret before the last rotation still signs.</param>
public sealed record WebhookSubscription(
    string AccountId,
    long Id,
    string Name,
    Uri Url,
    IReadOnlyList<WebhookEventType> EventTypes,
    bool IsActive,
    IReadOnlyList<WebhookParameter> Parameters,
    WebhookTarget Target,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    string? DisabledReason,
    string ProtectedSecret,
    string? ProtectedPreviousSecret,
    DateTimeOffset? PreviousSecretExpires)
{
    public const int MaxNameLength = 100;
    public const int MaxParameters = 20;

    /// <summary>Per account; a create beyond it is refused.</summary>
    public const int MaxPerAccount = 50;

    /// <summary>How long the secret replaced by a rotation keeps signing, so receivers can switch over.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public ETag ETag { get; init; }

    /// <summary>
    /// When the current run of failed delivery attempts began: set by the first failure after a
    /// success, cleared by the next success. The webhook is disabled once it is older than
    /// <see cref="WebhookOptions.DisableAfterFailingDays"/>.
    /// </summary>
    public DateTimeOffset? FailingSince { get; init; }

    public bool Receives(WebhookEventType type) => IsActive && EventTypes.Contains(type);
}
