using Sentier.Core.Common;

namespace Sentier.Core.Tokens;

/// <summary>
/// What an API app may do. A set of scopes is one value of this enum, so the check every request
/// makes is a bitwise test that allocates nothing. The values are never stored: rows hold the wire
/// names (<see cref="Scopes.Format"/>), so the bits may be renumbered freely.
/// </summary>
[Flags]
public enum Scope
{
    None = 0,
    ContactsRead = 1 << 0,
    ContactsWrite = 1 << 1,
    WebhooksRead = 1 << 2,
    WebhooksWrite = 1 << 3,
    FacebookRead = 1 << 4,
    FacebookWrite = 1 << 5,
    AppsManage = 1 << 6,
}

/// <summary>The wire names of <see cref="Scope"/> (<c>contacts:read</c>, …) and the sets apps start with.</summary>
public static class Scopes
{
    public const string FieldName = "scopes";

    /// <summary>What the app created with an account, and an app the operator issues, hold unless told otherwise.</summary>
    public const Scope All = Scope.ContactsRead | Scope.ContactsWrite | Scope.WebhooksRead | Scope.WebhooksWrite
        | Scope.FacebookRead | Scope.FacebookWrite | Scope.AppsManage;

    /// <summary>What an app created through the API holds unless the request names scopes: what an ActiveTrail token can do.</summary>
    public const Scope Default = Scope.ContactsRead | Scope.ContactsWrite;

    /// <summary>Every single scope with its wire name, in the order lists show them.</summary>
    private static readonly (Scope Scope, string Name)[] Names =
    [
        (Scope.ContactsRead, "contacts:read"),
        (Scope.ContactsWrite, "contacts:write"),
        (Scope.WebhooksRead, "webhooks:read"),
        (Scope.WebhooksWrite, "webhooks:write"),
        (Scope.FacebookRead, "facebook:read"),
        (Scope.FacebookWrite, "facebook:write"),
        (Scope.AppsManage, "apps:manage"),
    ];

    /// <summary>Whether <paramref name="held"/> includes every scope in <paramref name="needed"/>.</summary>
    public static bool Includes(this Scope held, Scope needed) => (held & needed) == needed;

    /// <summary>Refuses (403) a caller that lacks any scope in <paramref name="needed"/>, naming what is missing.</summary>
    public static void Require(this Scope held, Scope needed)
    {
        if (!held.Includes(needed))
        {
            throw Lacking(needed & ~held);
        }
    }

    /// <summary>The wire names of a set, in canonical order.</summary>
    public static IReadOnlyList<string> Format(Scope scopes) =>
        [.. Names.Where(entry => scopes.Includes(entry.Scope)).Select(entry => entry.Name)];

    /// <summary>
    /// Reads a request's scope names strictly: exact wire names only, so a typo cannot quietly
    /// grant less (or more) than the caller meant.
    /// </summary>
    public static Scope Parse(IEnumerable<string> names)
    {
        var scopes = Scope.None;
        foreach (var name in names)
        {
            scopes |= TryParseOne(name)
                ?? throw new InvalidRequestException(
                    $"'{FieldName}' entry '{MessageText.Clip(name)}' is not a scope; use {string.Join(", ", Names.Select(entry => entry.Name))}.");
        }

        return scopes;
    }

    /// <summary>
    /// Reads what a row stores. Names this version does not know (written by a newer one) are
    /// left out: an app never gains a permission from a name it cannot check.
    /// </summary>
    public static Scope ParseStored(string stored)
    {
        var scopes = Scope.None;
        foreach (var name in stored.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            scopes |= TryParseOne(name) ?? Scope.None;
        }

        return scopes;
    }

    /// <summary>What a row stores: the wire names separated by spaces (empty for none).</summary>
    public static string FormatStored(Scope scopes) => string.Join(' ', Format(scopes));

    private static Scope? TryParseOne(string name)
    {
        foreach (var entry in Names)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                return entry.Scope;
            }
        }

        return null;
    }

    private static AccessDeniedException Lacking(Scope missing) =>
        new($"This token lacks the {Describe(missing)} needed here.");

    /// <summary><c>'apps:manage' scope</c>, or <c>'a', 'b' scopes</c> for several.</summary>
    internal static string Describe(Scope scopes)
    {
        var names = Format(scopes);
        return string.Join(", ", names.Select(name => $"'{name}'")) + (names.Count == 1 ? " scope" : " scopes");
    }
}
