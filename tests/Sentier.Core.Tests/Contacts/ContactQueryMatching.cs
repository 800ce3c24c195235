using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>The same filters applied in memory, to contacts read through an index (members, lookups).</summary>
public sealed class ContactQueryMatching
{
    private static readonly Contact Dana = Stored(7, "dana.levi@example.com") with
    {
        Sms = "+972541234567",
        Created = new DateTimeOffset(2016, 12, 24, 12, 0, 0, TimeSpan.Zero),
        Fields = new Dictionary<string, object>
        {
            ["first_name"] = "Dana",
            ["last_name"] = "Levi",
            ["phone1"] = "03-5551234",
            ["city"] = "Haifa",
            ["num1"] = 5.0,
        },
    };

    private static ContactQuery Query(string? term = null, string? from = null, string? to = null, params string[] states) =>
        ContactQuery.Parse(states, term, from, to, IsraeliPhones);

    [Fact]
    public void EmptyQueryMatchesEveryone()
    {
        Assert.True(ContactQuery.Empty.Matches(Dana));
        Assert.True(Query().Matches(Dana with { Email = null, Status = SubscriptionStatus.None }));
    }

    [Theory]
    [InlineData("Dana@Example.com", false)]
    [InlineData("dana.levi@example.com", true)]
    [InlineData("DANA.LEVI@EXAMPLE.COM", true)]
    public void EmailTermMatchesOnlyThatAddress(string term, bool expected)
    {
        Assert.Equal(expected, Query(term).Matches(Dana));
    }

    [Theory]
    [InlineData("054-1234567", true)]
    [InlineData("+972541234567", true)]
    [InlineData("054-1234568", false)]
    public void PhoneTermMatchesOnlyThatNumber(string term, bool expected)
    {
        Assert.Equal(expected, Query(term).Matches(Dana));
    }

    [Theory]
    [InlineData("dana")]
    [InlineData("LEVI")]
    [InlineData("example.com")]
    [InlineData("555")]
    [InlineData("+9725")]
    public void TextMatchesNamesEmailAndPhonesIgnoringCase(string term)
    {
        Assert.True(Query(term).Matches(Dana));
    }

    [Theory]
    [InlineData("Haifa")]
    [InlineData("5")]
    [InlineData("Noa")]
    public void TextDoesNotMatchOtherFields(string term)
    {
        var contact = Dana with { Sms = null, Fields = new Dictionary<string, object> { ["city"] = "Haifa", ["num1"] = 5.0 } };

        Assert.False(Query(term).Matches(contact));
    }

    [Theory]
    [InlineData("2016-12-24T12:00:00", null, true)]
    [InlineData(null, "2016-12-24T12:00:00", true)]
    [InlineData("2016-12-24T12:00:01", null, false)]
    [InlineData(null, "2016-12-24T11:59:59", false)]
    [InlineData("2016-12-24", "2016-12-25", true)]
    public void DatesBoundCreationInclusively(string? from, string? to, bool expected)
    {
        Assert.Equal(expected, Query(from: from, to: to).Matches(Dana));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Subscribed, false, "ACTIVE", true)]
    [InlineData(SubscriptionStatus.Subscribed, true, "ACTIVE", false)]
    [InlineData(SubscriptionStatus.Subscribed, true, "CUSTOMER_REQUEST", true)]
    [InlineData(SubscriptionStatus.Unsubscribed, false, "CUSTOMER_REQUEST", true)]
    [InlineData(SubscriptionStatus.Pending, false, "INACTIVE", true)]
    [InlineData(SubscriptionStatus.Pending, false, "ACTIVE,CUSTOMER_REQUEST", false)]
    [InlineData(SubscriptionStatus.Subscribed, false, "BOUNCED", false)]
    [InlineData(SubscriptionStatus.Unsubscribed, true, "ALL", true)]
    public void StatesFilterByCustomerState(SubscriptionStatus status, bool doNotMail, string states, bool expected)
    {
        Assert.Equal(expected, Query(states: states).Matches(Dana with { Status = status, IsDoNotMail = doNotMail }));
    }

    [Fact]
    public void EveryFilterMustMatch()
    {
        var query = Query("dana", "2016-12-01", null, "ACTIVE");

        Assert.True(query.Matches(Dana));
        Assert.False(query.Matches(Dana with { Status = SubscriptionStatus.Unsubscribed }));
        Assert.False(query.Matches(Dana with { Created = new DateTimeOffset(2016, 11, 30, 0, 0, 0, TimeSpan.Zero) }));
        Assert.False(query.Matches(Dana with { Email = "noa@example.com", Fields = new Dictionary<string, object>() }));
    }
}
