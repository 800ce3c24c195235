using System.Globalization;

namespace Sentier.Core.Contacts;

/// <summary>
/// The email rules of a contact: one address per account, compared after trimming and lower-casing,
/// at most 254 characters (RFC 5321's path limit), a dot-atom local part of at most 64 and a domain
/// of DNS labels (international names are checked in their ASCII form).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const string LocalPartSymbols = "!#$%&'*+-/=?^_`{|}~.";

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static bool TryNormalize(string? text, out string normalized, out string error)
    {
        normalized = "";
        var candidate = text?.Trim() ?? "";
        if (candidate.Length == 0)
        {
            error = "is empty";
            return false;
        }

        if (candidate.Length > MaxLength)
        {
            error = $"is longer than {MaxLength} characters";
            return false;
        }

        var at = candidate.LastIndexOf('@');
        if (at <= 0 || at == candidate.Length - 1)
        {
            error = "is not an email address";
            return false;
        }

        var local = candidate[..at];
        var domain = candidate[(at + 1)..];
        if (!IsValidLocalPart(local))
        {
            error = "is not an email address (the part before @ is not valid)";
            return false;
        }

        if (!IsValidDomain(domain))
        {
            error = "is not an email address (the domain is not valid)";
            return false;
        }

        normalized = candidate.ToLowerInvariant();
        error = "";
        return true;
    }

    private static bool IsValidLocalPart(string local)
    {
        if (local.Length > MaxLocalPartLength || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            // UTF-8 local parts (RFC 6531) are allowed; spaces, quotes and controls are not.
            if (!(char.IsAsciiLetterOrDigit(c) || LocalPartSymbols.Contains(c) || c > 127 && !IsInvisibleOrCombining(c)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The domain is checked in its ASCII (IDN) form, as DNS will see it.</summary>
    private static bool IsValidDomain(string domain)
    {
        if (domain.Any(IsInvisibleOrCombining))
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels[^1].Length < 2 || labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }

        return labels.All(label => label.Length is > 0 and <= 63
            && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }

    /// <summary>
    /// Formatting characters (direction marks pasted from Hebrew text, zero-width spaces, soft
    /// hyphens) and combining marks would make an address that looks like another but is not.
    /// </summary>
    private static bool IsInvisibleOrCombining(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.PrivateUse;
}
