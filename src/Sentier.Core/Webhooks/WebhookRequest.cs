namespace Sentier.Core.Webhooks;

/// <summary>One delivery attempt's input: where, what, and how it is signed.</summary>
/// <param name="Url">The subscription's URL, already checked by <see cref="WebhookUrlRules"/>.</param>
/// <param name="WebhookId">
/// <c>webhook-id</c>: the same for every attempt and redelivery of one event to one subscription,
/// so receivers can deduplicate on it.
/// </param>
/// <param name="Body">
/// The exact JSON bytes to post and sign, with the subscription's body parameters already added as
/// top-level fields by the payload builder (the signature covers them).
/// </param>
/// <param name="Secrets">The subscription's signing secrets (<c>whsec_…</c>), current first; two while one is being rotated.</param>
/// <param name="Headers">Header parameters, checked by <see cref="WebhookParameterRules.ValidateHeader"/> when they were saved.</param>
/// <param name="QueryValues">Query-string parameters, appended to the URL's own query.</param>
public sealed record WebhookRequest(
    Uri Url,
    string WebhookId,
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<KeyValuePair<string, string>> QueryValues);
