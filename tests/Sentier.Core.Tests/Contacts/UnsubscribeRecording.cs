using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>Opting out (status Unsubscribed or do-not-mail) records when and through what; opting back in forgets it.</summary>
public sealed class UnsubscribeRecording
{
    [Theory]
    [InlineData("{\"status\": \"Unsubscribed\"}")]
    [InlineData("{\"status\": 2}")]
    [InlineData("{\"is_do_not_mail\": true}")]
    [InlineData("{\"is_do_not_mail\": \"1\"}")]
    public void OptingOutRecordsTheDateAndSource(string json)
    {
        var updated = Patch(json).ApplyTo(Stored(), 99, Now, ChangeSource.Zapier, null);

        Assert.True(updated.IsOptedOut);
        Assert.Equal(Now, updated.UnsubscribedAt);
        Assert.Equal(ChangeSource.Zapier, updated.UnsubscribeSource);
    }

    [Fact]
    public void NewUnsubscribedContactIsRecordedAtCreation()
    {
        var contact = Patch("{\"email\": \"dana@example.com\", \"status\": \"Unsubscribed\"}").ApplyTo(null, 1, Now, ChangeSource.Import, null);

        Assert.Equal(Now, contact.UnsubscribedAt);
        Assert.Equal(ChangeSource.Import, contact.UnsubscribeSource);
    }

    [Theory]
    [InlineData("{\"status\": \"Subscribed\"}")]
    [InlineData("{\"status\": \"Pending\"}")]
    [InlineData("{\"status\": \"None\"}")]
    public void ResubscribingClearsTheRecord(string json)
    {
        var unsubscribed = Stored() with { Status = SubscriptionStatus.Unsubscribed, UnsubscribedAt = Now.AddDays(-5), UnsubscribeSource = ChangeSource.Api };

        var updated = Patch(json).ApplyTo(unsubscribed, 99, Now, ChangeSource.Manual, null);

        Assert.False(updated.IsOptedOut);
        Assert.Null(updated.UnsubscribedAt);
        Assert.Null(updated.UnsubscribeSource);
    }

    [Fact]
    public void LiftingDoNotMailClearsTheRecord()
    {
        var doNotMail = Stored() with { IsDoNotMail = true, UnsubscribedAt = Now.AddDays(-5), UnsubscribeSource = ChangeSource.Api };

        var updated = Patch("{\"is_do_not_mail\": false}").ApplyTo(doNotMail, 99, Now, ChangeSource.Manual, null);

        Assert.Null(updated.UnsubscribedAt);
        Assert.Null(updated.UnsubscribeSource);
    }

    [Theory]
    [InlineData("{\"first_name\": \"Dana\"}")]
    [InlineData("{\"status\": \"Unsubscribed\"}")]
    [InlineData("{\"is_do_not_mail\": true}")]
    public void StayingOptedOutKeepsTheFirstRecord(string json)
    {
        var earlier = Now.AddDays(-5);
        var unsubscribed = Stored() with { Status = SubscriptionStatus.Unsubscribed, UnsubscribedAt = earlier, UnsubscribeSource = ChangeSource.Api };

        var updated = Patch(json).ApplyTo(unsubscribed, 99, Now, ChangeSource.Manual, null);

        Assert.Equal(earlier, updated.UnsubscribedAt);
        Assert.Equal(ChangeSource.Api, updated.UnsubscribeSource);
    }

    [Fact]
    public void LiftingDoNotMailOnAnUnsubscribedContactKeepsTheRecord()
    {
        var earlier = Now.AddDays(-5);
        var both = Stored() with { Status = SubscriptionStatus.Unsubscribed, IsDoNotMail = true, UnsubscribedAt = earlier, UnsubscribeSource = ChangeSource.Api };

        var updated = Patch("{\"is_do_not_mail\": false}").ApplyTo(both, 99, Now, ChangeSource.Manual, null);

        Assert.True(updated.IsOptedOut);
        Assert.Equal(earlier, updated.UnsubscribedAt);
    }

    [Fact]
    public void SmsStatusAloneIsNotAnEmailUnsubscribe()
    {
        var updated = Patch("{\"sms_status\": \"Unsubscribed\"}").ApplyTo(Stored(), 99, Now, ChangeSource.Api, null);

        Assert.Null(updated.UnsubscribedAt);
        Assert.True(updated.IsActive);
    }
}
