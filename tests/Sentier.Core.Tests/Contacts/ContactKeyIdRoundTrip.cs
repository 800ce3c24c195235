using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactKeyIdRoundTrip
{
    private static readonly DateTimeOffset At = new(2024, 3, 10, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(999_999_999_999)]
    public void ContactIdIsReadBackFromEveryRowThatEndsInIt(long id)
    {
        Assert.Equal(id, ContactKeys.ContactIdOf(ContactKeys.Contact(id)));
        Assert.Equal(id, ContactKeys.ContactIdOf(ContactKeys.Member(77, id)));
        Assert.Equal(id, ContactKeys.ContactIdOf(ContactKeys.Unsubscribed(At, id)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(999_999_999_999)]
    public void GroupIdIsReadBackFromGroupMemberAndCounterRows(long id)
    {
        Assert.Equal(id, ContactKeys.GroupIdOf(ContactKeys.Group(id)));
        Assert.Equal(id, ContactKeys.GroupIdOf(ContactKeys.Member(id, 5)));
        Assert.Equal(id, ContactKeys.GroupIdOf(ContactKeys.Counter(id, At)));
    }

    [Fact]
    public void IdsAreFixedWidth()
    {
        Assert.Equal("c-000000000042", ContactKeys.Contact(42));
        Assert.Equal("g-000000000007", ContactKeys.Group(7));
        Assert.Equal("m-000000000007-000000000042", ContactKeys.Member(7, 42));
        Assert.Equal("a-contacts", ContactKeys.Allocator("contacts"));
    }
}
