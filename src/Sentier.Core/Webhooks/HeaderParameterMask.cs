using Sentier.Core.Common;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The values of <c>custom_text</c> header parameters are usually the receiver's credentials
/// (<c>Authorization</c>, <c>X-Api-Key</c>), so answers never show them whole: <c>****</c>, plus the
/// last 4 characters when the value has at least <see cref="MinLengthShowingTail"/> (enough left
/// hidden that the tail gives nothing away, and enough shown to tell two keys apart). A client that
/// reads a webhook, changes something and sends the parameters back as it read them keeps the
/// stored values (<see cref="Restore"/>).
/// </summary>
public static class HeaderParameterMask
{
    public const string Mask = "****";

    /// <summary>The shortest value whose last characters are shown.</summary>
    public const int MinLengthShowingTail = 12;

    private const int TailLength = 4;

    /// <summary>What answers show as the parameter's value.</summary>
    public static string Shown(WebhookParameter parameter) => IsMasked(parameter) ? Of(parameter.Value) : parameter.Value;

    /// <summary>
    /// The parameters as they are to be stored: a masked header value sent back is replaced by the
    /// stored value it masks, that of the stored header parameter with the same key (case-insensitive,
    /// as header names are), the one at the same position first.
    /// </summary>
    /// <exception cref="InvalidRequestException">
    /// A value has the mask's shape but masks no stored value of its key (a renamed key, say): storing
    /// the asterisks would send them to the receiver as its credential.
    /// </exception>
    public static IReadOnlyList<WebhookParameter> Restore(IReadOnlyList<WebhookParameter> sent, IReadOnlyList<WebhookParameter> stored) =>
        sent.Any(parameter => IsMasked(parameter) && HasMaskShape(parameter.Value))
            ? [.. sent.Select(parameter => IsMasked(parameter) && HasMaskShape(parameter.Value) ? parameter with { Value = StoredValue(parameter, stored) } : parameter)]
            : sent;

    private static bool IsMasked(WebhookParameter parameter) =>
        parameter is { Placement: WebhookParameterPlacement.Header, Source: WebhookValueSource.CustomText };

    private static string Of(string value) => value.Length switch
    {
        0 => "",
        >= MinLengthShowingTail => Mask + value[^TailLength..],
        _ => Mask,
    };

    private static bool HasMaskShape(string value) =>
        value.StartsWith(Mask, StringComparison.Ordinal) && (value.Length == Mask.Length || value.Length == Mask.Length + TailLength);

    private static string StoredValue(WebhookParameter sent, IReadOnlyList<WebhookParameter> stored)
    {
        bool Masks(WebhookParameter candidate) =>
            IsMasked(candidate) && candidate.Key.Equals(sent.Key, StringComparison.OrdinalIgnoreCase) && Of(candidate.Value) == sent.Value;

        return (stored.FirstOrDefault(candidate => candidate.Id == sent.Id && Masks(candidate)) ?? stored.FirstOrDefault(Masks))?.Value
            ?? throw new InvalidRequestException(
                $"'parameters' entry {sent.Id}: header '{MessageText.Clip(sent.Key)}' has a masked value ('{MessageText.Clip(sent.Value)}') that matches no stored value of that header; send the value in clear.");
    }
}
