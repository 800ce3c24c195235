using System.Globalization;
using System.Text.Json;
using Sentier.Core.Common;

namespace Sentier.Core.Contacts;

/// <summary>
/// What one write asks to change on a contact: only the fields the request names. A field sent
/// as null or "" is cleared; a field not sent is left as it is. Values are validated and
/// normalised here, so storage only ever sees clean data.
/// </summary>
public sealed class ContactPatch
{
    private readonly Dictionary<string, object?> _fields = new(StringComparer.Ordinal);

    public bool SetsEmail { get; private init; }

    /// <summary>The normalised address (trimmed, lower case); null clears it.</summary>
    public string? Email { get; private init; }

    public bool SetsSms { get; private init; }

    /// <summary>The number in E.164; null clears it.</summary>
    public string? Sms { get; private init; }

    public SubscriptionStatus? Status { get; private init; }

    public SubscriptionStatus? SmsStatus { get; private init; }

    public bool? IsDoNotMail { get; private init; }

    /// <summary><c>is_deleted: true</c> in a write deletes the contact.</summary>
    public bool IsDeleted { get; private init; }

    public bool SetsDoubleOptin { get; private init; }

    public string? DoubleOptin { get; private init; }

    /// <summary>Profile fields to set (null clears).</summary>
    public IReadOnlyDictionary<string, object?> Fields => _fields;

    /// <summary>The email as it should be reported back when the patch fails (what the client sent, clipped).</summary>
    public string? ReportedEmail { get; private init; }

    public static ContactPatch Parse(JsonBody body, PhoneNumberNormalizer phones)
    {
        // Read generously: the address rules below give the precise message for a long one.
        var rawEmail = ReadText(body, "email", ContactField.MaxTextLength);
        string? email = null;
        if (rawEmail is not null && !EmailAddress.TryNormalize(rawEmail, out email, out var emailError))
        {
            throw new InvalidRequestException($"'email' {emailError}: '{MessageText.Clip(rawEmail)}'.");
        }

        var rawSms = ReadText(body, "sms", PhoneNumberNormalizer.MaxLength);
        string? sms = null;
        if (rawSms is not null && !phones.TryNormalize(rawSms, out sms))
        {
            throw new InvalidRequestException(
                $"'sms' is not a mobile number that can be read (numbers without a country code are read as {phones.DefaultRegion}): '{MessageText.Clip(rawSms)}'.");
        }

        var patch = new ContactPatch
        {
            SetsEmail = body.Has("email"),
            Email = email,
            ReportedEmail = rawEmail is null ? null : MessageText.Clip(rawEmail.Trim()),
            SetsSms = body.Has("sms"),
            Sms = sms,
            Status = ReadStatus(body, "status"),
            SmsStatus = ReadStatus(body, "sms_status"),
            IsDoNotMail = body.GetBoolean("is_do_not_mail"),
            IsDeleted = body.GetBoolean("is_deleted") == true,
            SetsDoubleOptin = body.Has("double_optin"),
            DoubleOptin = ReadObject(body, "double_optin"),
        };

        foreach (var field in ContactFields.All)
        {
            if (body.TryGetValue(field.Name, out var value))
            {
                patch._fields[field.Name] = ReadField(field, value);
            }
        }

        return patch;
    }

    private const string MissingIdentity = "A contact needs an 'email' or an 'sms' number.";

    /// <summary>The email to identify the contact by, or else its mobile number.</summary>
    public string? Identity => Email ?? Sms;

    /// <summary>This patch, when it names the contact to create or update (an upsert needs an email or a number).</summary>
    public ContactPatch RequireIdentity() => Identity is not null ? this : throw new InvalidRequestException(MissingIdentity);

    /// <summary>
    /// The contact after this patch. A new contact (no <paramref name="existing"/>) is subscribed
    /// unless the patch says otherwise. Refuses a status change on a do-not-mail contact, as
    /// ActiveTrail does (405), unless the same write lifts the flag.
    /// </summary>
    public Contact ApplyTo(Contact? existing, long newId, DateTimeOffset now, ChangeSource source, string? appId)
    {
        if (existing is { IsDoNotMail: true } && Status is { } status && status != existing.Status && IsDoNotMail != false)
        {
            throw new MethodNotAllowedException(
                $"Contact {existing.Id} is marked do-not-mail (is_do_not_mail); its status cannot change until that flag is cleared.");
        }

        var fields = existing is null
            ? new Dictionary<string, object>(StringComparer.Ordinal)
            : new Dictionary<string, object>(existing.Fields, StringComparer.Ordinal);
        foreach (var (name, value) in _fields)
        {
            if (value is null)
            {
                fields.Remove(name);
            }
            else
            {
                fields[name] = value;
            }
        }

        var sms = SetsSms ? Sms : existing?.Sms;
        var updated = new Contact
        {
            Id = existing?.Id ?? newId,
            Email = SetsEmail ? Email : existing?.Email,
            Sms = sms,
            Status = Status ?? existing?.Status ?? SubscriptionStatus.Subscribed,
            SmsStatus = SmsStatus ?? SmsStatusWithoutRequest(existing, sms),
            IsDoNotMail = IsDoNotMail ?? existing?.IsDoNotMail ?? false,
            DoubleOptin = SetsDoubleOptin ? DoubleOptin : existing?.DoubleOptin,
            Fields = fields,
            GroupIds = existing?.GroupIds ?? [],
            Created = existing?.Created ?? now,
            Updated = now,
            UnsubscribedAt = existing?.UnsubscribedAt,
            UnsubscribeSource = existing?.UnsubscribeSource,
            ChangedBy = source,
            ChangedByApp = appId,
            ETag = existing?.ETag ?? default,
        };

        if (updated.Email is null && updated.Sms is null)
        {
            throw new InvalidRequestException(MissingIdentity);
        }

        var wasOptedOut = existing?.IsOptedOut ?? false;
        return (wasOptedOut, updated.IsOptedOut) switch
        {
            (false, true) => updated with { UnsubscribedAt = now, UnsubscribeSource = source },
            (true, false) => updated with { UnsubscribedAt = null, UnsubscribeSource = null },
            _ => updated,
        };
    }

    /// <summary>A contact that gets its first number is subscribed to SMS, as a new contact with a number is.</summary>
    private static SubscriptionStatus SmsStatusWithoutRequest(Contact? existing, string? sms) =>
        existing is null || existing.Sms is null && existing.SmsStatus == SubscriptionStatus.None
            ? sms is null ? SubscriptionStatus.None : SubscriptionStatus.Subscribed
            : existing.SmsStatus;

    private static string? ReadText(JsonBody body, string name, int maxLength)
    {
        if (!body.TryGetValue(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => JsonBody.TextOf(value, name),

            // Json.NET, which ActiveTrail runs on, turns numbers into text; clients rely on it for zip codes and phones.
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new InvalidRequestException($"'{name}' must be a string."),
        };

        if (text is not null && text.Length > maxLength)
        {
            throw new InvalidRequestException($"'{name}' is longer than {maxLength} characters.");
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static object? ReadField(ContactField field, JsonElement value)
    {
        if (IsBlank(value, field.Name))
        {
            return null;
        }

        switch (field.Type)
        {
            case ContactFieldType.Date:
                if (value.ValueKind == JsonValueKind.String && ApiDates.TryParse(JsonBody.TextOf(value, field.Name), out var date))
                {
                    return ApiDates.IsStorable(date)
                        ? date
                        : throw new InvalidRequestException($"'{field.Name}' must be a date after 1601.");
                }

                throw new InvalidRequestException($"'{field.Name}' must be a date such as 2016-12-24T14:12:12.");

            case ContactFieldType.Number:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return number;
                }

                if (value.ValueKind == JsonValueKind.String
                    && double.TryParse(JsonBody.TextOf(value, field.Name), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                    && double.IsFinite(number))
                {
                    return number;
                }

                throw new InvalidRequestException($"'{field.Name}' must be a number.");

            default:
                var text = value.ValueKind switch
                {
                    JsonValueKind.String => JsonBody.TextOf(value, field.Name),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => throw new InvalidRequestException($"'{field.Name}' must be a string."),
                };

                return text.Length <= ContactField.MaxTextLength
                    ? text
                    : throw new InvalidRequestException($"'{field.Name}' is longer than {ContactField.MaxTextLength} characters.");
        }
    }

    private static SubscriptionStatus? ReadStatus(JsonBody body, string name) =>
        body.TryGetValue(name, out var value) && !IsBlank(value, name) ? SubscriptionStatuses.Parse(name, value) : null;

    private static string? ReadObject(JsonBody body, string name)
    {
        if (!body.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException($"'{name}' must be a JSON object.");
        }

        var raw = value.GetRawText();
        return raw.Length <= 4 * ContactField.MaxTextLength
            ? raw
            : throw new InvalidRequestException($"'{name}' is longer than {4 * ContactField.MaxTextLength} characters.");
    }

    private static bool IsBlank(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(JsonBody.TextOf(value, name));
}
