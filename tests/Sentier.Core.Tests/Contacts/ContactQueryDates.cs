using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactQueryDates
{
    private static ContactQuery Between(string? from, string? to) => ContactQuery.Parse([], null, from, to, IsraeliPhones);

    [Fact]
    public void DatesAreReadInClientFormsAsUtc()
    {
        var query = Between("2016-12-24", "2016-12-31T23:59:59+02:00");

        Assert.Equal(new DateTimeOffset(2016, 12, 24, 0, 0, 0, TimeSpan.Zero), query.FromDate);
        Assert.Equal(new DateTimeOffset(2016, 12, 31, 21, 59, 59, TimeSpan.Zero), query.ToDate);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData(" ", null)]
    public void BlankDatesAreNoBound(string? from, string? to)
    {
        var query = Between(from, to);

        Assert.Null(query.FromDate);
        Assert.Null(query.ToDate);
    }

    [Fact]
    public void SameFromAndToIsAllowed()
    {
        var query = Between("2016-12-24", "2016-12-24T00:00:00Z");

        Assert.Equal(query.FromDate, query.ToDate);
    }

    [Fact]
    public void FromAfterToIsRefused()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Between("2016-12-25", "2016-12-24"));

        Assert.Equal("'FromDate' is after 'ToDate'.", ex.Message);
    }

    [Theory]
    [InlineData("yesterday", null, "FromDate")]
    [InlineData("2016-13-01", null, "FromDate")]
    [InlineData(null, "2016-02-30", "ToDate")]
    [InlineData(null, "24.12.2016x", "ToDate")]
    public void BadDatesAreRefusedNamingTheParameter(string? from, string? to, string name)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Between(from, to));

        Assert.Equal($"'{name}' is not a date; use a form such as 2016-12-24 or 2016-12-24T14:12:12.", ex.Message);
    }
}
