using System.Text.Json;
using Sentier.Core.Common;

namespace Sentier.Core.Facebook;

/// <summary>Facebook object ids (Pages, forms, leads) are decimal numbers; anything else is refused before it reaches a URL or a table key.</summary>
public static class FacebookIds
{
    public const int MaxLength = 32;

    public static bool IsWellFormed(string? id) => id is { Length: > 0 and <= MaxLength } && id.All(char.IsAsciiDigit);

    /// <exception cref="InvalidRequestException">Not a Facebook id.</exception>
    public static string Require(string? id, string name) =>
        IsWellFormed(id?.Trim()) ? id!.Trim() : throw new InvalidRequestException($"'{name}' must be a Facebook id (digits only), not '{MessageText.Clip(id ?? "")}'.");

    /// <summary>A required id field, given as a string or a number (Graph ids fit neither a long nor a double, but clients send them as numbers).</summary>
    public static string FromBody(JsonBody body, string name) =>
        body.TryGetValue(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? Require(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : JsonBody.TextOf(value, name), name)
            : throw new InvalidRequestException($"'{name}' is required: a Facebook id.");
}
