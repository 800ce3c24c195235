using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactQuerySearchTerms
{
    private static ContactQuery Search(string? term) => ContactQuery.Parse([], term, null, null, IsraeliPhones);

    [Theory]
    [InlineData("dana@example.com")]
    [InlineData("  Dana@Example.COM ")]
    public void EmailTermBecomesAnEmailLookup(string term)
    {
        var query = Search(term);

        Assert.Equal("dana@example.com", query.Email);
        Assert.Null(query.Sms);
        Assert.False(query.HasTextSearch);
        Assert.Equal(term.Trim(), query.SearchTerm);
    }

    [Theory]
    [InlineData("054-1234567")]
    [InlineData("+972 54 123 4567")]
    [InlineData("972541234567")]
    [InlineData("(054) 123.4567")]
    public void PhoneTermBecomesAnE164Lookup(string term)
    {
        var query = Search(term);

        Assert.Equal("+972541234567", query.Sms);
        Assert.Null(query.Email);
        Assert.False(query.HasTextSearch);
    }

    [Theory]
    [InlineData("Dana")]
    [InlineData("dana@")]
    [InlineData("@example.com")]
    [InlineData("example.com")]
    [InlineData("12345")]
    [InlineData("054-12")]
    [InlineData("Levi 054")]
    public void OtherTextIsAFreeTextSearch(string term)
    {
        var query = Search(term);

        Assert.True(query.HasTextSearch);
        Assert.Null(query.Email);
        Assert.Null(query.Sms);
        Assert.Equal(term, query.SearchTerm);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankTermIsNoSearch(string? term)
    {
        var query = Search(term);

        Assert.Null(query.SearchTerm);
        Assert.False(query.HasTextSearch);
        Assert.Null(query.PropertyFilter);
    }

    [Fact]
    public void TermOf254CharactersIsAccepted()
    {
        Assert.True(Search(new string('d', ContactQuery.MaxSearchTermLength)).HasTextSearch);
    }

    [Fact]
    public void TermOver254CharactersIsRefused()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Search(new string('d', 255)));

        Assert.Equal("'SearchTerm' is longer than 254 characters.", ex.Message);
    }

    [Fact]
    public void CustomerStatesArePassedThrough()
    {
        var query = ContactQuery.Parse(["ACTIVE,customer_request"], null, null, null, IsraeliPhones);

        Assert.Equal(new HashSet<CustomerState> { CustomerState.Active, CustomerState.CustomerRequest }, query.States);
    }

    [Fact]
    public void AllStatesMeanNoStateFilter()
    {
        Assert.Null(ContactQuery.Parse(["ALL"], null, null, null, IsraeliPhones).States);
    }

    [Fact]
    public void BadCustomerStateIsRefused()
    {
        Assert.Throws<InvalidRequestException>(() => ContactQuery.Parse(["SLEEPING"], null, null, null, IsraeliPhones));
    }
}
