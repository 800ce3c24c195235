using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>ActiveTrail answers 405 to a status change on a contact marked do-not-mail; the flag must be lifted first or in the same write.</summary>
public sealed class DoNotMailBlocksStatusChanges
{
    private static readonly Contact DoNotMail = Stored(12) with { IsDoNotMail = true, UnsubscribedAt = Now.AddDays(-1), UnsubscribeSource = ChangeSource.Api };

    [Theory]
    [InlineData("{\"status\": \"Unsubscribed\"}")]
    [InlineData("{\"status\": 3}")]
    [InlineData("{\"status\": \"0\"}")]
    [InlineData("{\"status\": 2, \"is_do_not_mail\": true}")]
    public void StatusChangeIsRefusedWhileTheFlagStays(string json)
    {
        var patch = Patch(json);

        var ex = Assert.Throws<MethodNotAllowedException>(() => patch.ApplyTo(DoNotMail, 99, Now, ChangeSource.Api, null));

        Assert.Equal(
            "Contact 12 is marked do-not-mail (is_do_not_mail); its status cannot change until that flag is cleared.",
            ex.Message);
    }

    [Theory]
    [InlineData("{\"status\": \"Unsubscribed\", \"is_do_not_mail\": false}")]
    [InlineData("{\"status\": 2, \"is_do_not_mail\": \"0\"}")]
    public void StatusChangeIsAllowedWhenTheSameWriteClearsTheFlag(string json)
    {
        var updated = Patch(json).ApplyTo(DoNotMail, 99, Now, ChangeSource.Api, null);

        Assert.Equal(SubscriptionStatus.Unsubscribed, updated.Status);
        Assert.False(updated.IsDoNotMail);
    }

    [Theory]
    [InlineData("{\"status\": \"Subscribed\"}")]
    [InlineData("{\"status\": 1}")]
    [InlineData("{\"status\": null}")]
    [InlineData("{\"first_name\": \"Dana\"}")]
    [InlineData("{\"sms_status\": 2}")]
    public void SendingTheSameStatusOrOtherFieldsIsAllowed(string json)
    {
        var updated = Patch(json).ApplyTo(DoNotMail, 99, Now, ChangeSource.Api, null);

        Assert.Equal(SubscriptionStatus.Subscribed, updated.Status);
        Assert.True(updated.IsDoNotMail);
    }

    [Fact]
    public void ContactWithoutTheFlagChangesStatusFreely()
    {
        var updated = Patch("{\"status\": 2}").ApplyTo(Stored(), 99, Now, ChangeSource.Api, null);

        Assert.Equal(SubscriptionStatus.Unsubscribed, updated.Status);
    }

    [Fact]
    public void NewContactMayBeCreatedDoNotMailWithAnyStatus()
    {
        var contact = Create("{\"email\": \"dana@example.com\", \"status\": 3, \"is_do_not_mail\": true}");

        Assert.Equal(SubscriptionStatus.Pending, contact.Status);
        Assert.True(contact.IsDoNotMail);
    }
}
