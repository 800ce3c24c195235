using System.Globalization;
using Sentier.Core.Common;

namespace Sentier.Core.Contacts;

/// <summary>
/// ActiveTrail's <c>CustomerStates</c> filter. Its numbers are not published; ours follow the
/// order of the documented names, with -1 for ALL as clients send it. Bounces, quarantine and
/// spam complaints are not recorded by this service, so those states match no contact.
/// </summary>
public enum CustomerState
{
    All = -1,
    Active = 0,
    Inactive = 1,
    CustomerRequest = 2,
    Bounced = 3,
    Quarantined = 4,
    SpamComplient = 5,
}

public static class CustomerStates
{
    /// <summary>Reads repeated and comma-separated values, as names (any case, with or without underscores) or numbers.</summary>
    public static IReadOnlySet<CustomerState>? Parse(IEnumerable<string> values)
    {
        var states = new HashSet<CustomerState>();
        foreach (var item in values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined((CustomerState)number))
            {
                states.Add((CustomerState)number);
            }
            else if (!char.IsDigit(item[0]) && item[0] != '-'
                && Enum.TryParse<CustomerState>(item.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var state))
            {
                states.Add(state);
            }
            else
            {
                throw new InvalidRequestException(
                    $"'CustomerStates' has '{MessageText.Clip(item)}'; use ACTIVE, INACTIVE, CUSTOMER_REQUEST, BOUNCED, QUARANTINED, SPAM_COMPLIENT or ALL.");
            }
        }

        return states.Count == 0 || states.Contains(CustomerState.All) ? null : states;
    }

    public static bool IsIn(Contact contact, IReadOnlySet<CustomerState> states) =>
        (states.Contains(CustomerState.Active) && contact.IsActive)
        || (states.Contains(CustomerState.CustomerRequest) && contact.IsOptedOut)
        || (states.Contains(CustomerState.Inactive) && !contact.IsActive && !contact.IsOptedOut);
}
