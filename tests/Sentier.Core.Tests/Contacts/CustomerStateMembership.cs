using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>Which contacts each <see cref="CustomerState"/> selects; every contact is in exactly one of Active, Inactive and CustomerRequest.</summary>
public sealed class CustomerStateMembership
{
    public static TheoryData<SubscriptionStatus, bool, CustomerState> Cases => new()
    {
        { SubscriptionStatus.Subscribed, false, CustomerState.Active },
        { SubscriptionStatus.None, false, CustomerState.Inactive },
        { SubscriptionStatus.Pending, false, CustomerState.Inactive },
        { SubscriptionStatus.Unsubscribed, false, CustomerState.CustomerRequest },
        { SubscriptionStatus.Subscribed, true, CustomerState.CustomerRequest },
        { SubscriptionStatus.None, true, CustomerState.CustomerRequest },
        { SubscriptionStatus.Pending, true, CustomerState.CustomerRequest },
        { SubscriptionStatus.Unsubscribed, true, CustomerState.CustomerRequest },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachContactIsInExactlyOneRecordedState(SubscriptionStatus status, bool doNotMail, CustomerState expected)
    {
        var contact = ContactSamples.Stored() with { Status = status, IsDoNotMail = doNotMail };

        CustomerState[] recorded = [CustomerState.Active, CustomerState.Inactive, CustomerState.CustomerRequest];
        foreach (var state in recorded)
        {
            Assert.Equal(state == expected, CustomerStates.IsIn(contact, new HashSet<CustomerState> { state }));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BouncedQuarantinedAndSpamMatchNoContact(SubscriptionStatus status, bool doNotMail, CustomerState _)
    {
        var contact = ContactSamples.Stored() with { Status = status, IsDoNotMail = doNotMail };

        Assert.False(CustomerStates.IsIn(contact, new HashSet<CustomerState>
        {
            CustomerState.Bounced,
            CustomerState.Quarantined,
            CustomerState.SpamComplient,
        }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SeveralStatesMatchAContactInAnyOfThem(SubscriptionStatus status, bool doNotMail, CustomerState expected)
    {
        var contact = ContactSamples.Stored() with { Status = status, IsDoNotMail = doNotMail };
        var others = new HashSet<CustomerState> { CustomerState.Active, CustomerState.Inactive, CustomerState.CustomerRequest };
        others.Remove(expected);

        Assert.True(CustomerStates.IsIn(contact, new HashSet<CustomerState> { expected, CustomerState.Bounced }));
        Assert.False(CustomerStates.IsIn(contact, others));
    }

    [Fact]
    public void EmptySetMatchesNothing()
    {
        Assert.False(CustomerStates.IsIn(ContactSamples.Stored(), new HashSet<CustomerState>()));
    }
}
