namespace Sentier.Core.Common;

/// <summary>
/// Ids of accounts and API apps: 32 lower-case hex characters from a random GUID. Safe as table
/// keys, and unguessable, so an id seen in one account's log reveals nothing about another's.
/// </summary>
public static class ResourceIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>True for ids this service could have issued; anything else is unknown without a lookup.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
