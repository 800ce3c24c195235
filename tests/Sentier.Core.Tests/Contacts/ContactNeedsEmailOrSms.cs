using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactNeedsEmailOrSms
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"first_name\": \"Dana\"}")]
    [InlineData("{\"email\": \"\", \"sms\": null}")]
    [InlineData("{\"email\": null}")]
    public void NewContactWithNeitherIsRefused(string json)
    {
        var patch = Patch(json);

        var ex = Assert.Throws<InvalidRequestException>(() => patch.ApplyTo(null, 1, Now, ChangeSource.Api, null));

        Assert.Equal("A contact needs an 'email' or an 'sms' number.", ex.Message);
    }

    [Fact]
    public void ClearingTheOnlyEmailIsRefused()
    {
        var ex = Assert.Throws<InvalidRequestException>(
            () => Patch("{\"email\": null}").ApplyTo(Stored(), 1, Now, ChangeSource.Api, null));

        Assert.Equal("A contact needs an 'email' or an 'sms' number.", ex.Message);
    }

    [Fact]
    public void ClearingBothIsRefused()
    {
        var both = Stored() with { Sms = "+972541234567" };

        Assert.Throws<InvalidRequestException>(
            () => Patch("{\"email\": \"\", \"sms\": \"\"}").ApplyTo(both, 1, Now, ChangeSource.Api, null));
    }

    [Fact]
    public void SwappingEmailForSmsInOneWriteIsAllowed()
    {
        var updated = Patch("{\"email\": null, \"sms\": \"054-1234567\"}").ApplyTo(Stored(), 1, Now, ChangeSource.Api, null);

        Assert.Null(updated.Email);
        Assert.Equal("+972541234567", updated.Sms);
    }

    [Fact]
    public void ExistingContactNeedsNeitherInThePatch()
    {
        var updated = Patch("{\"city\": \"Haifa\"}").ApplyTo(Stored(), 1, Now, ChangeSource.Api, null);

        Assert.Equal("dana@example.com", updated.Email);
    }
}
