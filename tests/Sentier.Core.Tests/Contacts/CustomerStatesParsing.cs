using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class CustomerStatesParsing
{
    [Theory]
    [InlineData("ACTIVE", CustomerState.Active)]
    [InlineData("active", CustomerState.Active)]
    [InlineData("Inactive", CustomerState.Inactive)]
    [InlineData("CUSTOMER_REQUEST", CustomerState.CustomerRequest)]
    [InlineData("customer_request", CustomerState.CustomerRequest)]
    [InlineData("CustomerRequest", CustomerState.CustomerRequest)]
    [InlineData("BOUNCED", CustomerState.Bounced)]
    [InlineData("Quarantined", CustomerState.Quarantined)]
    [InlineData("SPAM_COMPLIENT", CustomerState.SpamComplient)]
    [InlineData("spamcomplient", CustomerState.SpamComplient)]
    [InlineData(" ACTIVE ", CustomerState.Active)]
    public void NamesAreReadInAnyCaseWithOrWithoutUnderscores(string value, CustomerState expected)
    {
        Assert.Equal([expected], CustomerStates.Parse([value]));
    }

    [Theory]
    [InlineData("0", CustomerState.Active)]
    [InlineData("1", CustomerState.Inactive)]
    [InlineData("2", CustomerState.CustomerRequest)]
    [InlineData("3", CustomerState.Bounced)]
    [InlineData("4", CustomerState.Quarantined)]
    [InlineData("5", CustomerState.SpamComplient)]
    public void NumbersFollowTheOrderOfTheNames(string value, CustomerState expected)
    {
        Assert.Equal([expected], CustomerStates.Parse([value]));
    }

    [Fact]
    public void RepeatedValuesAreCombined()
    {
        var states = CustomerStates.Parse(["ACTIVE", "2", "customer_request"]);

        Assert.Equal(new HashSet<CustomerState> { CustomerState.Active, CustomerState.CustomerRequest }, states);
    }

    [Theory]
    [InlineData("ACTIVE,INACTIVE")]
    [InlineData("ACTIVE, INACTIVE")]
    [InlineData("0,1")]
    [InlineData("active,,1,")]
    public void CommaListsAreSplit(string value)
    {
        Assert.Equal(new HashSet<CustomerState> { CustomerState.Active, CustomerState.Inactive }, CustomerStates.Parse([value]));
    }

    [Fact]
    public void RepeatedCommaListsAreCombined()
    {
        var states = CustomerStates.Parse(["ACTIVE,BOUNCED", "QUARANTINED"]);

        Assert.Equal(new HashSet<CustomerState> { CustomerState.Active, CustomerState.Bounced, CustomerState.Quarantined }, states);
    }

    /// <summary>Query values as they arrive, one per repeated <c>CustomerStates</c> parameter ("|" separates them here).</summary>
    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("ALL")]
    [InlineData("all")]
    [InlineData("-1")]
    [InlineData("ACTIVE|ALL")]
    [InlineData("BOUNCED,-1")]
    public void AllOrNothingMeansNoFilter(string values)
    {
        Assert.Null(CustomerStates.Parse(values.Split('|')));
    }

    [Fact]
    public void NoParameterMeansNoFilter()
    {
        Assert.Null(CustomerStates.Parse([]));
    }

    [Theory]
    [InlineData("6")]
    [InlineData("-2")]
    [InlineData("99")]
    [InlineData("+7")]
    [InlineData("1.5")]
    [InlineData("FOO")]
    [InlineData("ACTIVE INACTIVE")]
    [InlineData("ACTIVE;INACTIVE")]
    [InlineData("true")]
    [InlineData("Active-")]
    public void BadValuesAreRefusedNamingTheValueAndTheChoices(string value)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => CustomerStates.Parse(["ACTIVE", value]));

        Assert.Equal(
            $"'CustomerStates' has '{value}'; use ACTIVE, INACTIVE, CUSTOMER_REQUEST, BOUNCED, QUARANTINED, SPAM_COMPLIENT or ALL.",
            ex.Message);
    }

    [Fact]
    public void LongBadValueIsClippedInTheMessage()
    {
        var value = new string('X', 500);

        var ex = Assert.Throws<InvalidRequestException>(() => CustomerStates.Parse([value]));

        Assert.Contains(MessageText.Clip(value), ex.Message);
        Assert.DoesNotContain(value, ex.Message);
    }
}
