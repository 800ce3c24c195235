using System.Globalization;
using Sentier.Core.Common;

namespace Sentier.Core.Contacts;

/// <summary>
/// The filters of <c>GET contacts</c> and <c>GET groups/{id}/members</c>. A search term that is an
/// email or a phone number becomes an index lookup; any other text is matched against names,
/// email and phone fields.
/// </summary>
public sealed record ContactQuery(IReadOnlySet<CustomerState>? States, string? SearchTerm, DateTimeOffset? FromDate, DateTimeOffset? ToDate)
{
    public const int MaxSearchTermLength = 254;

    public static ContactQuery Empty { get; } = new(null, null, null, null);

    /// <summary>Set when the search term is a valid email address (normalised).</summary>
    public string? Email { get; private init; }

    /// <summary>Set when the search term reads as a phone number (E.164).</summary>
    public string? Sms { get; private init; }

    public static ContactQuery Parse(IEnumerable<string> customerStates, string? searchTerm, string? fromDate, string? toDate, PhoneNumberNormalizer phones)
    {
        var term = searchTerm?.Trim();
        if (term is { Length: > MaxSearchTermLength })
        {
            throw new InvalidRequestException($"'SearchTerm' is longer than {MaxSearchTermLength} characters.");
        }

        var query = new ContactQuery(CustomerStates.Parse(customerStates), term is { Length: > 0 } ? term : null, ReadDate("FromDate", fromDate, endOfDay: false), ReadDate("ToDate", toDate, endOfDay: true));
        if (query.FromDate > query.ToDate)
        {
            throw new InvalidRequestException("'FromDate' is after 'ToDate'.");
        }

        if (query.SearchTerm is { } text)
        {
            if (text.Contains('@') && EmailAddress.TryNormalize(text, out var email, out _))
            {
                return query with { Email = email };
            }

            if (PhoneNumberNormalizer.LooksLikePhoneNumber(text) && phones.TryNormalize(text, out var sms))
            {
                return query with { Sms = sms };
            }
        }

        return query;
    }

    /// <summary>Whether matching needs more than the contact rows' own properties can tell the service.</summary>
    public bool HasTextSearch => SearchTerm is not null && Email is null && Sms is null;

    /// <summary>The part of the filter Table Storage evaluates itself (state and creation date).</summary>
    public string? PropertyFilter
    {
        get
        {
            var clauses = new List<string>();
            if (FromDate is { } from)
            {
                clauses.Add($"Created ge datetime'{from.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)}'");
            }

            if (ToDate is { } to)
            {
                clauses.Add($"Created le datetime'{to.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)}'");
            }

            if (States is { } states)
            {
                var stateClauses = new List<string>();
                if (states.Contains(CustomerState.Active))
                {
                    stateClauses.Add("(Status eq 1 and IsDoNotMail eq false)");
                }

                if (states.Contains(CustomerState.CustomerRequest))
                {
                    stateClauses.Add("(Status eq 2 or IsDoNotMail eq true)");
                }

                if (states.Contains(CustomerState.Inactive))
                {
                    stateClauses.Add("((Status eq 0 or Status eq 3) and IsDoNotMail eq false)");
                }

                clauses.Add(stateClauses.Count == 0 ? "Status eq -99" : "(" + string.Join(" or ", stateClauses) + ")");
            }

            return clauses.Count == 0 ? null : string.Join(" and ", clauses);
        }
    }

    public bool Matches(Contact contact) =>
        (States is null || CustomerStates.IsIn(contact, States))
        && (FromDate is null || contact.Created >= FromDate)
        && (ToDate is null || contact.Created <= ToDate)
        && (Email is null || contact.Email == Email)
        && (Sms is null || contact.Sms == Sms)
        && (!HasTextSearch || MatchesText(contact, SearchTerm!));

    private static bool MatchesText(Contact contact, string term) =>
        Contains(contact.Email, term)
        || Contains(contact.Sms, term)
        || SearchedFields.Any(name => contact.Fields.TryGetValue(name, out var value) && Contains(value as string, term));

    private static readonly string[] SearchedFields = ["first_name", "last_name", "phone1", "phone2"];

    private static bool Contains(string? value, string term) => value?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;

    /// <param name="endOfDay">A date without a time means the end of that day (the end of a window, as a person choosing dates means it).</param>
    private static DateTimeOffset? ReadDate(string name, string? text, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!ApiDates.TryParse(text, out var date))
        {
            throw new InvalidRequestException($"'{name}' is not a date; use a form such as 2016-12-24 or 2016-12-24T14:12:12.");
        }

        return endOfDay && IsDateOnly(text) && date < DateTimeOffset.MaxValue.AddDays(-1) ? date.AddDays(1).AddTicks(-1) : date;
    }

    private static bool IsDateOnly(string text) => text.Trim().Length <= "yyyy-MM-dd".Length;
}
