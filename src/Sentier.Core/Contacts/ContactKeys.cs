using System.Globalization;
using System.Text;

namespace Sentier.Core.Contacts;

/// <summary>
/// The row keys of an account's partition in the <c>Contacts</c> table. Everything a contact write
/// touches lives in this one partition, so a contact, its indexes, its memberships, the group
/// counters and the change record commit together in one entity-group transaction.
/// docs/architecture.md describes the layout and its limits.
/// </summary>
public static class ContactKeys
{
    public const string ContactPrefix = "c-";
    public const string EmailPrefix = "e-";
    public const string SmsPrefix = "s-";
    public const string MemberPrefix = "m-";
    public const string GroupPrefix = "g-";
    public const string JoinGuardPrefix = "j-";
    public const string CounterPrefix = "n-";
    public const string ChangePrefix = "o-";
    public const string DispatchedPrefix = "d-";
    public const string QuarantinedPrefix = "q-";
    public const string UnsubscribedPrefix = "u-";
    public const string AllocatorPrefix = "a-";
    public const string FieldLabels = "f-labels";

    /// <summary>Ids are fixed-width in keys so that key order is id order.</summary>
    private const string IdFormat = "D12";
    private const string TicksFormat = "D19";

    /// <summary>The row that hands out the ids of one sequence (contacts, groups).</summary>
    public static string Allocator(string sequence) => AllocatorPrefix + sequence;

    public static string Contact(long id) => ContactPrefix + Id(id);

    public static string Email(string normalizedEmail) => EmailPrefix + Escape(normalizedEmail);

    public static string Sms(string e164) => SmsPrefix + e164;

    public static string Group(long groupId) => GroupPrefix + Id(groupId);

    /// <summary>The row whose existence lets contacts join the group; a group delete removes it first.</summary>
    public static string JoinGuard(long groupId) => JoinGuardPrefix + Id(groupId);

    public static string MembersOf(long groupId) => MemberPrefix + Id(groupId) + "-";

    public static string Member(long groupId, long contactId) => MembersOf(groupId) + Id(contactId);

    public static string CountersOf(long groupId) => CounterPrefix + Id(groupId) + "-";

    /// <summary>Unique per transaction: concurrent writers never touch the same counter row.</summary>
    public static string Counter(long groupId, DateTimeOffset at) =>
        CountersOf(groupId) + Ticks(at) + "-" + Guid.NewGuid().ToString("N")[..12];

    public static string Change(DateTimeOffset at) => ChangePrefix + Ticks(at) + "-" + Guid.NewGuid().ToString("N");

    /// <summary>The first change record key after every record made before <paramref name="at"/>.</summary>
    public static string ChangesBefore(DateTimeOffset at) => ChangePrefix + Ticks(at);

    /// <summary>
    /// The tombstone that replaces a dispatched change record for a few minutes, so a writer whose
    /// answer was lost still finds its transaction committed (<see cref="ContactStore.TrySubmitAsync"/>).
    /// </summary>
    public static string Dispatched(string changeKey) => DispatchedPrefix + changeKey[ChangePrefix.Length..];

    /// <summary>Where a change record the dispatcher cannot read is kept for whoever investigates it.</summary>
    public static string Quarantined(string changeKey) => QuarantinedPrefix + changeKey[ChangePrefix.Length..];

    /// <summary>The first tombstone key after every tombstone of a record made before <paramref name="at"/>.</summary>
    public static string DispatchedBefore(DateTimeOffset at) => DispatchedPrefix + Ticks(at);

    /// <summary>The first quarantine key after every quarantined record made before <paramref name="at"/>.</summary>
    public static string QuarantinedBefore(DateTimeOffset at) => QuarantinedPrefix + Ticks(at);

    public static string UnsubscribedAt(DateTimeOffset at) => UnsubscribedPrefix + Ticks(at);

    public static string Unsubscribed(DateTimeOffset at, long contactId) => UnsubscribedAt(at) + "-" + Id(contactId);

    public static long ContactIdOf(string rowKey) => long.Parse(rowKey.AsSpan(rowKey.Length - 12), CultureInfo.InvariantCulture);

    public static long GroupIdOf(string rowKey) => long.Parse(rowKey.AsSpan(GroupPrefix.Length, 12), CultureInfo.InvariantCulture);

    public static long GroupIdOfCounter(string rowKey) => long.Parse(rowKey.AsSpan(CounterPrefix.Length, 12), CultureInfo.InvariantCulture);

    private static string Id(long id) => id.ToString(IdFormat, CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString(TicksFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// A valid address may still contain characters Table Storage refuses in keys (<c>/ ? #</c>);
    /// those and <c>%</c> itself are percent-encoded, so every address has exactly one key.
    /// </summary>
    private static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny("/\\#?%"))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '/' or '\\' or '#' or '?' or '%')
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
