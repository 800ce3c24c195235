using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchNewContactDefaults
{
    [Fact]
    public void NewContactIsSubscribedWithItsNewIdAndNoSmsStatus()
    {
        var contact = Patch("{\"email\": \"dana@example.com\"}").ApplyTo(null, 41, Now, ChangeSource.Import, "app-9");

        Assert.Equal(41, contact.Id);
        Assert.Equal("dana@example.com", contact.Email);
        Assert.Null(contact.Sms);
        Assert.Equal(SubscriptionStatus.Subscribed, contact.Status);
        Assert.Equal(SubscriptionStatus.None, contact.SmsStatus);
        Assert.False(contact.IsDoNotMail);
        Assert.True(contact.IsActive);
        Assert.Null(contact.DoubleOptin);
        Assert.Empty(contact.Fields);
        Assert.Empty(contact.GroupIds);
        Assert.Equal(Now, contact.Created);
        Assert.Equal(Now, contact.Updated);
        Assert.Null(contact.UnsubscribedAt);
        Assert.Null(contact.UnsubscribeSource);
        Assert.Equal(ChangeSource.Import, contact.ChangedBy);
        Assert.Equal("app-9", contact.ChangedByApp);
    }

    [Fact]
    public void NewContactWithAnSmsIsSubscribedToSms()
    {
        var contact = Create("{\"sms\": \"054-1234567\"}");

        Assert.Equal(SubscriptionStatus.Subscribed, contact.SmsStatus);
        Assert.Equal(SubscriptionStatus.Subscribed, contact.Status);
        Assert.Null(contact.Email);
    }

    [Fact]
    public void StatusesSentWithANewContactAreKept()
    {
        var contact = Create("{\"email\": \"dana@example.com\", \"sms\": \"054-1234567\", \"status\": \"Pending\", \"sms_status\": 0}");

        Assert.Equal(SubscriptionStatus.Pending, contact.Status);
        Assert.Equal(SubscriptionStatus.None, contact.SmsStatus);
    }

    [Fact]
    public void ExistingContactKeepsItsIdentityAndBookkeeping()
    {
        var existing = Stored(7, "dana@example.com", 3, 4) with { ETag = new Azure.ETag("W/\"1\"") };

        var updated = Patch("{\"first_name\": \"Dana\"}").ApplyTo(existing, 99, Now, ChangeSource.Manual, "app-2");

        Assert.Equal(7, updated.Id);
        Assert.Equal(existing.Created, updated.Created);
        Assert.Equal(Now, updated.Updated);
        Assert.Equal([3L, 4L], updated.GroupIds);
        Assert.Equal(existing.ETag, updated.ETag);
        Assert.Equal(ChangeSource.Manual, updated.ChangedBy);
        Assert.Equal("app-2", updated.ChangedByApp);
    }

    [Fact]
    public void ExistingEmailContactGivenANumberIsSubscribedToSms()
    {
        // "None" is the sms status of a contact without a number; once it has one, it is subscribed as a new one would be.
        var existing = Stored();
        Assert.Equal(SubscriptionStatus.None, existing.SmsStatus);

        var updated = Patch("{\"sms\": \"054-1234567\"}").ApplyTo(existing, 99, Now, ChangeSource.Api, null);

        Assert.Equal(SubscriptionStatus.Subscribed, updated.SmsStatus);
    }

    [Fact]
    public void ExistingSmsStatusIsKeptWhenTheNumberChanges()
    {
        var existing = Stored() with { Sms = "+972541234567", SmsStatus = SubscriptionStatus.Unsubscribed };

        var updated = Patch("{\"sms\": \"054-7654321\"}").ApplyTo(existing, 99, Now, ChangeSource.Api, null);

        Assert.Equal("+972547654321", updated.Sms);
        Assert.Equal(SubscriptionStatus.Unsubscribed, updated.SmsStatus);
    }
}
