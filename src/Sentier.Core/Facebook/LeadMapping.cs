using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Facebook;

/// <summary>
/// Which contact field each answer of a lead form goes to: question <c>key</c> (the
/// <c>field_data[].name</c> of a lead) → contact field. The standard (prefill) questions have a
/// default; custom questions are imported only when mapped. <c>full_name</c> as a target is split
/// into first and last name.
/// </summary>
public sealed class LeadMapping
{
    public const string FullName = "full_name";
    public const int MaxEntries = 100;
    public const int MaxKeyLength = 200;

    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["email"] = "email",
        ["phone_number"] = "sms",
        ["first_name"] = "first_name",
        ["last_name"] = "last_name",
        ["full_name"] = FullName,
        ["city"] = "city",
        ["zip_code"] = "zip_code",
        ["post_code"] = "zip_code",
        ["street_address"] = "street",
        ["date_of_birth"] = "birthday",
    };

    private readonly Dictionary<string, string> _effective;

    private LeadMapping(IReadOnlyDictionary<string, string> custom)
    {
        Custom = custom;
        _effective = new Dictionary<string, string>(Defaults, StringComparer.Ordinal);
        foreach (var (key, target) in custom)
        {
            _effective[key] = target;
        }
    }

    /// <summary>What the account mapped itself, over the defaults.</summary>
    public IReadOnlyDictionary<string, string> Custom { get; }

    /// <summary>The defaults with the account's entries over them: what a sync applies.</summary>
    public IReadOnlyDictionary<string, string> Effective => _effective;

    public static LeadMapping Default { get; } = new(new Dictionary<string, string>());

    /// <summary>A mapping as stored (already validated).</summary>
    public static LeadMapping FromStored(IReadOnlyDictionary<string, string> custom) => new(custom);

    /// <summary>
    /// Reads <c>field_mapping</c>: an object of question key → contact field name. Every unknown
    /// contact field is named in one 400, so a caller fixes them all at once.
    /// </summary>
    public static LeadMapping Parse(JsonElement? value)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return Default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException("'field_mapping' must be an object of question key → contact field, such as {\"budget\": \"ext1\"}.");
        }

        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            if (custom.Count >= MaxEntries)
            {
                throw new InvalidRequestException($"'field_mapping' may map at most {MaxEntries} questions.");
            }

            var key = property.Name.Trim();
            if (key.Length is 0 or > MaxKeyLength)
            {
                throw new InvalidRequestException($"'field_mapping' keys are question keys of 1 to {MaxKeyLength} characters.");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidRequestException($"'field_mapping' value of '{MessageText.Clip(key)}' must be a contact field name.");
            }

            var target = property.Value.GetString()!.Trim();
            if (CanonicalTarget(target) is { } canonical)
            {
                custom[key] = canonical;
            }
            else
            {
                unknown.Add(MessageText.Clip(target));
            }
        }

        if (unknown.Count > 0)
        {
            throw new InvalidRequestException(
                $"'field_mapping' names contact fields that do not exist: {string.Join(", ", unknown.Distinct().Select(name => $"'{name}'"))}. " +
                "Use email, sms, full_name or a contact field such as first_name, city or ext1.");
        }

        return new LeadMapping(custom);
    }

    private static string? CanonicalTarget(string target) =>
        target.ToLowerInvariant() switch
        {
            "email" => "email",
            "sms" => "sms",
            FullName => FullName,
            _ => ContactFields.Find(target)?.Name,
        };

    /// <summary>
    /// The contact a lead's answers make, as an import row, or why the lead cannot be one. Answers
    /// are <c>values</c> arrays: multiple-choice answers are joined with ", ". Keys nobody mapped
    /// and properties Graph may add are ignored. The row is then validated by the import path like
    /// any other, which gives the reason for an invalid email, number or overlong value.
    /// </summary>
    public LeadContact Map(JsonElement lead)
    {
        if (!lead.TryGetProperty("field_data", out var fieldData) || fieldData.ValueKind != JsonValueKind.Array)
        {
            return LeadContact.Skip("The lead has no field_data (no answers).");
        }

        var contact = new JsonObject();
        foreach (var answer in fieldData.EnumerateArray())
        {
            if (answer.ValueKind != JsonValueKind.Object
                || FacebookGraphClient.Text(answer, "name") is not { } key
                || !_effective.TryGetValue(key, out var target)
                || Values(answer) is not { Count: > 0 } values)
            {
                continue;
            }

            switch (target)
            {
                case FullName:
                    var (first, last) = SplitName(values[0]);
                    contact.TryAdd("first_name", first);
                    if (last is not null)
                    {
                        contact.TryAdd("last_name", last);
                    }

                    break;
                case "email":
                    contact["email"] = values[0];
                    break;
                case "sms":
                    contact["sms"] = StripPrefix(values[0], "p:");
                    break;
                case "zip_code":
                    contact["zip_code"] = StripPrefix(values[0], "z:");
                    break;
                default:
                    contact[target] = string.Join(", ", values);
                    break;
            }
        }

        return contact["email"] is null && contact["sms"] is null
            ? LeadContact.Skip("The lead has neither an email nor a phone number.")
            : new LeadContact(contact, null);
    }

    private static List<string>? Values(JsonElement answer)
    {
        if (!answer.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return [.. values.EnumerateArray()
            .Select(value => value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            })
            .Where(text => !string.IsNullOrWhiteSpace(text))
            .Select(text => text!.Trim())];
    }

    /// <summary>Some exports prefix phone numbers with <c>p:</c> and zip codes with <c>z:</c>.</summary>
    private static string StripPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? value[prefix.Length..].Trim() : value;

    /// <summary>"Dana Levi Cohen" → first "Dana", last "Levi Cohen"; one word is a first name.</summary>
    public static (string First, string? Last) SplitName(string fullName)
    {
        var parts = fullName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 ? (parts[0], parts[1]) : (parts[0], null);
    }

    /// <summary>Graph writes <c>created_time</c> as <c>2024-05-01T10:00:00+0000</c>.</summary>
    public static bool TryParseCreatedTime(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 5 && trimmed[^5] is '+' or '-' && trimmed[^4..].All(char.IsAsciiDigit))
        {
            trimmed = trimmed[..^2] + ":" + trimmed[^2..];
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}

/// <summary>A lead as an import row, or the reason it is skipped.</summary>
public sealed record LeadContact(JsonObject? Row, string? SkipReason)
{
    public static LeadContact Skip(string reason) => new(null, reason);
}
