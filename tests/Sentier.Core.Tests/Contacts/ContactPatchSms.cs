using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchSms
{
    [Theory]
    [InlineData("\"054-1234567\"")]
    [InlineData("\"+972 54-123-4567\"")]
    [InlineData("972541234567")]
    public void SmsIsStoredInE164(string json)
    {
        var patch = Patch($"{{\"sms\": {json}}}");

        Assert.True(patch.SetsSms);
        Assert.Equal("+972541234567", patch.Sms);
        Assert.Equal("+972541234567", patch.Identity);
    }

    [Fact]
    public void InvalidSmsIsRefusedNamingTheDefaultRegion()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch("{\"sms\": \"12\"}"));

        Assert.Equal(
            "'sms' is not a mobile number that can be read (numbers without a country code are read as IL): '12'.",
            ex.Message);
    }

    [Fact]
    public void InvalidSmsNamesTheConfiguredRegion()
    {
        var ex = Assert.Throws<InvalidRequestException>(
            () => ContactPatch.Parse(Body("{\"sms\": \"hello\"}"), new PhoneNumberNormalizer("US")));

        Assert.Contains("read as US", ex.Message);
    }

    [Fact]
    public void SmsOver32CharactersIsRefused()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"sms\": \"{new string('5', 33)}\"}}"));

        Assert.Equal("'sms' is longer than 32 characters.", ex.Message);
    }
}
