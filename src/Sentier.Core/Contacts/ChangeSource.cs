using Sentier.Core.Common;

namespace Sentier.Core.Contacts;

/// <summary>Where a change to a contact came from; webhooks tell subscribers which it was.</summary>
public enum ChangeSource
{
    Api,
    Import,
    Manual,
    Facebook,
    Zapier,
    Automation,
}

public static class ChangeSources
{
    public static string Name(ChangeSource source) => source.ToString().ToLowerInvariant();

    /// <summary>
    /// The source a request declares in <c>X-Change-Source</c>: <c>manual</c> for changes a person
    /// made in a UI, or the integration's own name; no header means <c>api</c>.
    /// </summary>
    public static ChangeSource FromHeader(string? header, ChangeSource fallback)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return fallback;
        }

        var text = header.Trim();
        foreach (var source in Enum.GetValues<ChangeSource>())
        {
            if (Name(source).Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return source;
            }
        }

        throw new InvalidRequestException(
            $"X-Change-Source must be one of {string.Join(", ", Enum.GetValues<ChangeSource>().Select(Name))}.");
    }
}
