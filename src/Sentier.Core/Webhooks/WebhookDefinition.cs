using System.Text.Json;
using Sentier.Core.Common;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The fields of a create or update body, each checked; null where the body leaves a field out (an
/// update keeps it). Names are ActiveTrail's: <c>event_type</c> (one type) and <c>event_types</c>
/// (a list) may both be given and add up; <c>stateid</c> is the deprecated alias of <c>is_active</c>.
/// </summary>
public sealed record WebhookDefinition(
    string? Name,
    Uri? Url,
    IReadOnlyList<WebhookEventType>? EventTypes,
    bool? IsActive,
    IReadOnlyList<WebhookParameter>? Parameters,
    WebhookTarget? Target)
{
    /// <summary>The top-level fields of every event; a body parameter may not replace one.</summary>
    public static readonly IReadOnlyList<string> EnvelopeFields = ["id", "type", "created", "account_id", "source", "app_id", "data"];

    private const int MaxEventTypes = 32;

    /// <exception cref="InvalidRequestException">A field breaks its rule; the message names it.</exception>
    public static WebhookDefinition Parse(JsonBody body, bool allowHttp, OutboundAddressPolicy policy)
    {
        var name = body.Has("name") ? body.GetRequiredString("name", WebhookSubscription.MaxNameLength) : null;
        var url = body.Has("url")
            ? WebhookUrlRules.Validate(body.GetString("url", int.MaxValue) ?? throw new InvalidRequestException("'url' is required."), allowHttp, policy)
            : null;
        ReadFormat(body);
        return new WebhookDefinition(name, url, ReadEventTypes(body), ReadIsActive(body), ReadParameters(body), ReadTarget(body));
    }

    private static void ReadFormat(JsonBody body)
    {
        if (body.GetString("format", 64) is { } format && !format.Trim().Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException($"'format' '{MessageText.Clip(format)}' is not supported; webhooks are sent as json.");
        }
    }

    private static List<WebhookEventType>? ReadEventTypes(JsonBody body)
    {
        var one = body.GetString("event_type", 64);
        var many = body.GetStringList("event_types", MaxEventTypes, 64);
        if (one is null && many is null)
        {
            return null;
        }

        var types = new List<WebhookEventType>();
        if (one is not null)
        {
            types.Add(WebhookEventTypes.ParseSubscribable(one, "event_type"));
        }

        foreach (var name in many ?? [])
        {
            types.Add(WebhookEventTypes.ParseSubscribable(name, "event_types"));
        }

        return types.Count > 0
            ? [.. types.Distinct().Order()]
            : throw new InvalidRequestException("'event_types' must name at least one event type.");
    }

    private static bool? ReadIsActive(JsonBody body)
    {
        var isActive = body.GetBoolean("is_active");
        var stateId = body.GetBoolean("stateid");
        if (isActive is not null && stateId is not null && isActive != stateId)
        {
            throw new InvalidRequestException("'is_active' and 'stateid' disagree; send only 'is_active' ('stateid' is its deprecated alias).");
        }

        return isActive ?? stateId;
    }

    private static WebhookTarget? ReadTarget(JsonBody body) =>
        body.GetString("target_type_id", 64) is { } text ? ParseTarget(text, "target_type_id") : null;

    /// <summary><c>api</c> or <c>zapier</c>, any case; 400 naming <paramref name="field"/> otherwise.</summary>
    public static WebhookTarget ParseTarget(string text, string field) =>
        text.Trim().ToLowerInvariant() switch
        {
            "api" => WebhookTarget.Api,
            "zapier" => WebhookTarget.Zapier,
            _ => throw new InvalidRequestException($"'{field}' '{MessageText.Clip(text)}' is not a target; use api or zapier."),
        };

    private static List<WebhookParameter>? ReadParameters(JsonBody body)
    {
        var items = body.GetArray("parameters", WebhookSubscription.MaxParameters);
        if (items is null)
        {
            return null;
        }

        var parameters = new List<WebhookParameter>(items.Count);
        foreach (var item in items)
        {
            parameters.Add(ReadParameter(JsonBody.FromObject(item, $"'parameters' entry {parameters.Count + 1}"), parameters.Count + 1));
        }

        return parameters;
    }

    private static WebhookParameter ReadParameter(JsonBody item, int id)
    {
        var key = item.GetString("key", WebhookParameterRules.MaxNameLength)?.Trim() is { Length: > 0 } text
            ? text
            : throw new InvalidRequestException($"'parameters' entry {id}: 'key' is required (1 to {WebhookParameterRules.MaxNameLength} characters).");
        var value = item.GetString("value", WebhookParameterRules.MaxValueLength) ?? "";
        var placement = Choice(item, "event_parameter_type", WebhookParameterPlacement.Header, id);
        var source = Choice(item, "event_value_type", WebhookValueSource.CustomText, id);
        string? userField = null;
        if (source == WebhookValueSource.UserField)
        {
            userField = WebhookUserFields.Parse(item.GetString("user_field", 64)
                ?? throw new InvalidRequestException($"'parameters' entry {id}: 'user_field' is required when 'event_value_type' is user_field."));
            value = "";
        }

        switch (placement)
        {
            case WebhookParameterPlacement.Header:
                WebhookParameterRules.ValidateHeader(key, value);
                break;
            case WebhookParameterPlacement.Query:
                WebhookParameterRules.ValidateQueryParameter(key, value);
                break;
            case WebhookParameterPlacement.Body when EnvelopeFields.Contains(key, StringComparer.OrdinalIgnoreCase):
                throw new InvalidRequestException(
                    $"Body parameter '{MessageText.Clip(key)}' would replace an event field; {string.Join(", ", EnvelopeFields)} are taken.");
        }

        return new WebhookParameter(id, key, value, placement, source, userField);
    }

    /// <summary>An enum given by its snake_case name (<c>custom_text</c>), or the default when absent.</summary>
    private static T Choice<T>(JsonBody item, string field, T fallback, int id)
        where T : struct, Enum
    {
        var text = item.GetString(field, 64)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (WireName(value).Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new InvalidRequestException(
            $"'parameters' entry {id}: '{field}' '{MessageText.Clip(text)}' is not valid; use {string.Join(", ", Enum.GetValues<T>().Select(WireName))}.");
    }

    /// <summary><c>CustomText</c> → <c>custom_text</c>.</summary>
    public static string WireName<T>(T value)
        where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
