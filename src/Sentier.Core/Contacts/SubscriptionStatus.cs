using System.Globalization;
using System.Text.Json;
using Sentier.Core.Common;

namespace Sentier.Core.Contacts;

/// <summary>ActiveTrail's email and SMS status, with its numbers.</summary>
public enum SubscriptionStatus
{
    None = 0,
    Subscribed = 1,
    Unsubscribed = 2,
    Pending = 3,
}

public static class SubscriptionStatuses
{
    /// <summary>Reads a status sent as a name (<c>"Unsubscribed"</c>), a number (<c>2</c>) or digits in a string (<c>"2"</c>).</summary>
    public static SubscriptionStatus Parse(string field, JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => JsonBody.TextOf(value, field).Trim(),
            _ => null,
        };

        if (text is not null && TryParse(text, out var status))
        {
            return status;
        }

        throw new InvalidRequestException(
            $"'{field}' must be one of None (0), Subscribed (1), Unsubscribed (2) or Pending (3).");
    }

    public static bool TryParse(string text, out SubscriptionStatus status)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            status = (SubscriptionStatus)number;
            return Enum.IsDefined(status);
        }

        return Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !text.Contains(',');
    }
}
