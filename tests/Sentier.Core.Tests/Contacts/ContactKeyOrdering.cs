using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>Ranges and pages walk keys in ordinal order, so ids must be written to sort as numbers do.</summary>
public sealed class ContactKeyOrdering
{
    private static readonly long[] Ids = [1, 2, 9, 10, 11, 99, 100, 1_000, 123_456, 999_999_999_999];

    [Fact]
    public void ContactKeysSortAsTheirIds()
    {
        var keys = Ids.Select(ContactKeys.Contact).ToList();

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GroupKeysSortAsTheirIds()
    {
        var keys = Ids.Select(ContactKeys.Group).ToList();

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MemberKeysSortByGroupThenContact()
    {
        var keys = (from groupId in Ids from contactId in Ids select ContactKeys.Member(groupId, contactId)).ToList();

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnsubscribedKeysSortByDateBeforeContact()
    {
        var earlier = new DateTimeOffset(2016, 12, 24, 10, 0, 0, TimeSpan.Zero);
        var later = earlier.AddTicks(1);

        var first = ContactKeys.Unsubscribed(earlier, 999_999);
        var second = ContactKeys.Unsubscribed(later, 1);

        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.StartsWith(ContactKeys.UnsubscribedAt(earlier), first);
    }

    [Fact]
    public void UnsubscribedKeysCompareInstantsNotLocalTimes()
    {
        var utc = new DateTimeOffset(2016, 12, 24, 10, 0, 0, TimeSpan.Zero);
        var sameInstantElsewhere = utc.ToOffset(TimeSpan.FromHours(2));

        Assert.Equal(ContactKeys.UnsubscribedAt(utc), ContactKeys.UnsubscribedAt(sameInstantElsewhere));
    }

    [Fact]
    public void ChangeKeysSortByTimeAndNeverRepeat()
    {
        var at = new DateTimeOffset(2016, 12, 24, 10, 0, 0, TimeSpan.Zero);

        var keys = Enumerable.Range(0, 100).Select(_ => ContactKeys.Change(at)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(string.CompareOrdinal(keys[0], ContactKeys.Change(at.AddTicks(1))) < 0);
    }

    [Fact]
    public void OneGroupsRowsNeverFallInAnotherGroupsRange()
    {
        // Group 1's prefix must not also select group 10's or 100's rows.
        Assert.DoesNotContain(Ids.Where(id => id != 1), id => ContactKeys.Member(id, 5).StartsWith(ContactKeys.MembersOf(1), StringComparison.Ordinal));
        Assert.DoesNotContain(Ids.Where(id => id != 1), id => ContactKeys.Counter(id, DateTimeOffset.UnixEpoch).StartsWith(ContactKeys.CountersOf(1), StringComparison.Ordinal));
        Assert.StartsWith(ContactKeys.MembersOf(1), ContactKeys.Member(1, 5));
        Assert.StartsWith(ContactKeys.CountersOf(1), ContactKeys.Counter(1, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void EachKindOfRowHasItsOwnPrefix()
    {
        string[] prefixes =
        [
            ContactKeys.ContactPrefix, ContactKeys.EmailPrefix, ContactKeys.SmsPrefix, ContactKeys.MemberPrefix, ContactKeys.GroupPrefix,
            ContactKeys.CounterPrefix, ContactKeys.ChangePrefix, ContactKeys.UnsubscribedPrefix, ContactKeys.AllocatorPrefix,
        ];

        Assert.Equal(prefixes.Length, prefixes.Distinct().Count());
        Assert.All(prefixes, prefix => Assert.DoesNotContain(prefixes, other => other != prefix && other.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.DoesNotContain(prefixes, prefix => ContactKeys.FieldLabels.StartsWith(prefix, StringComparison.Ordinal));
    }
}
