namespace Sentier.Core.Accounts;

/// <summary>A tenant: every contact, group, app and subscription belongs to exactly one account.</summary>
public sealed record Account(string Id, string Name, DateTimeOffset Created)
{
    public const int MaxNameLength = 100;
}
