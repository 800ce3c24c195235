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
            else if (TryParseName(item, out var state))
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

    /// <summary>Exact names only (<c>CUSTOMER_REQUEST</c> or <c>CustomerRequest</c>, any case): never a number or a list in disguise.</summary>
    private static bool TryParseName(string item, out CustomerState state)
    {
        var name = item.Replace("_", "", StringComparison.Ordinal);
        foreach (var candidate in Enum.GetValues<CustomerState>())
        {
            if (candidate.ToString().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static bool IsIn(Contact contact, IReadOnlySet<CustomerState> states) =>
        (states.Contains(CustomerState.Active) && contact.IsActive)
        || (states.Contains(CustomerState.CustomerRequest) && contact.IsOptedOut)
        || (states.Contains(CustomerState.Inactive) && !contact.IsActive && !contact.IsOptedOut);
}
