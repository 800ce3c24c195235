using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>The OData the query hands Table Storage, so unmatched rows are filtered by the service.</summary>
public sealed class ContactQueryPropertyFilter
{
    private static string? Filter(string[] states, string? from = null, string? to = null, string? term = null) =>
        ContactQuery.Parse(states, term, from, to, IsraeliPhones).PropertyFilter;

    [Fact]
    public void NoFiltersGiveNoPropertyFilter()
    {
        Assert.Null(Filter([]));
        Assert.Null(ContactQuery.Empty.PropertyFilter);
    }

    [Fact]
    public void SearchTermIsNotAPropertyFilter()
    {
        Assert.Null(Filter([], term: "Dana"));
    }

    [Fact]
    public void DatesBoundCreatedInUtc()
    {
        Assert.Equal(
            "Created ge datetime'2016-12-24T00:00:00.0000000Z' and Created le datetime'2016-12-31T21:59:59.0000000Z'",
            Filter([], "2016-12-24", "2016-12-31T23:59:59+02:00"));
    }

    [Fact]
    public void OnlyFromDate()
    {
        Assert.Equal("Created ge datetime'2016-12-24T12:00:00.0000000Z'", Filter([], from: "2016-12-24T12:00:00"));
    }

    [Theory]
    [InlineData("ACTIVE", "((Status eq 1 and IsDoNotMail eq false))")]
    [InlineData("CUSTOMER_REQUEST", "((Status eq 2 or IsDoNotMail eq true))")]
    [InlineData("INACTIVE", "(((Status eq 0 or Status eq 3) and IsDoNotMail eq false))")]
    [InlineData("INACTIVE,ACTIVE", "((Status eq 1 and IsDoNotMail eq false) or ((Status eq 0 or Status eq 3) and IsDoNotMail eq false))")]
    [InlineData("BOUNCED,ACTIVE", "((Status eq 1 and IsDoNotMail eq false))")]
    public void StatesBecomeStatusAndFlagClauses(string states, string expected)
    {
        Assert.Equal(expected, Filter([states]));
    }

    [Theory]
    [InlineData("BOUNCED")]
    [InlineData("QUARANTINED,SPAM_COMPLIENT")]
    public void StatesThatMatchNoContactMatchNoRow(string states)
    {
        // No stored contact has status -99: the service returns nothing without reading anything.
        Assert.Equal("Status eq -99", Filter([states]));
    }

    [Fact]
    public void DatesAndStatesAreCombined()
    {
        Assert.Equal(
            "Created ge datetime'2016-12-24T00:00:00.0000000Z' and ((Status eq 2 or IsDoNotMail eq true))",
            Filter(["CUSTOMER_REQUEST"], from: "2016-12-24"));
    }
}
