using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchStatuses
{
    [Theory]
    [InlineData("\"Unsubscribed\"")]
    [InlineData("\"unsubscribed\"")]
    [InlineData("2")]
    [InlineData("\"2\"")]
    public void StatusIsReadByNameNumberOrString(string json)
    {
        var patch = Patch($"{{\"status\": {json}, \"sms_status\": {json}}}");

        Assert.Equal(SubscriptionStatus.Unsubscribed, patch.Status);
        Assert.Equal(SubscriptionStatus.Unsubscribed, patch.SmsStatus);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void BlankStatusLeavesTheStatusAsItIs(string json)
    {
        var patch = Patch($"{{\"status\": {json}, \"sms_status\": {json}}}");

        Assert.Null(patch.Status);
        Assert.Null(patch.SmsStatus);
    }

    [Fact]
    public void UnknownStatusIsRefusedNamingTheField()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch("{\"sms_status\": 7}"));

        Assert.StartsWith("'sms_status' must be one of", ex.Message);
    }
}
