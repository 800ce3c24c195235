using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Sentier.Core.Contacts;

/// <summary>
/// Mobile numbers are stored in E.164 so that <c>054-1234567</c>, <c>+972 54 123 4567</c> and
/// <c>972541234567</c> are one contact. A number without a country code is read in the default
/// region (<c>Sentier:Contacts:DefaultPhoneRegion</c>, ActiveTrail's home market IL by default).
/// </summary>
public sealed class PhoneNumberNormalizer
{
    public const int MaxLength = 32;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private readonly string _defaultRegion;

    public PhoneNumberNormalizer(IOptions<ContactOptions> options)
        : this(options.Value.DefaultPhoneRegion)
    {
    }

    public PhoneNumberNormalizer(string defaultRegion)
    {
        _defaultRegion = defaultRegion.Trim().ToUpperInvariant();
        if (!Util.GetSupportedRegions().Contains(_defaultRegion))
        {
            throw new ArgumentException($"'{defaultRegion}' is not a region the phone library knows.", nameof(defaultRegion));
        }
    }

    public string DefaultRegion => _defaultRegion;

    public bool TryNormalize(string? text, out string e164)
    {
        e164 = "";
        var candidate = text?.Trim() ?? "";
        // Letters would be read as keypad digits ("054-CALL-NOW") or dropped as extensions: another number.
        if (candidate.Length is 0 or > MaxLength || !candidate.Any(char.IsAsciiDigit) || candidate.Any(char.IsLetter))
        {
            return false;
        }

        // "00" is the international prefix in Israel and most of Europe; "972…" without a plus is common in exports.
        if (candidate.StartsWith("00", StringComparison.Ordinal))
        {
            candidate = "+" + candidate[2..];
        }

        try
        {
            var number = Util.Parse(candidate, _defaultRegion);
            if (!Util.IsPossibleNumber(number))
            {
                number = Util.Parse("+" + candidate, _defaultRegion);
                if (!Util.IsPossibleNumber(number))
                {
                    return false;
                }
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Whether free text looks like a phone number rather than a name or an email.</summary>
    public static bool LooksLikePhoneNumber(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('+' or '-' or ' ' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        return digits >= 6;
    }
}

/// <summary>Settings of the contacts feature (section <c>Sentier:Contacts</c>).</summary>
public sealed class ContactOptions
{
    public const string SectionName = "Sentier:Contacts";

    /// <summary>The ISO 3166 region of numbers written without a country code.</summary>
    public string DefaultPhoneRegion { get; set; } = "IL";
}
