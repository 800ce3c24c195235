using Sentier.Core.Common;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchEmail
{
    [Fact]
    public void EmailIsNormalisedAndReportedAsSent()
    {
        var patch = Patch("{\"email\": \"  Dana.Levi@Example.COM \"}");

        Assert.True(patch.SetsEmail);
        Assert.Equal("dana.levi@example.com", patch.Email);
        Assert.Equal("Dana.Levi@Example.COM", patch.ReportedEmail);
        Assert.Equal("dana.levi@example.com", patch.Identity);
    }

    [Theory]
    [InlineData("not-an-email", "'email' is not an email address: 'not-an-email'.")]
    [InlineData("dana@localhost", "'email' is not an email address (the domain is not valid): 'dana@localhost'.")]
    [InlineData("\\\"dana\\\"@example.com", "'email' is not an email address (the part before @ is not valid): '\"dana\"@example.com'.")]
    public void InvalidEmailIsRefusedQuotingIt(string json, string message)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"email\": \"{json}\"}}"));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void EmailOf254CharactersIsAccepted()
    {
        var email = new string('e', 64) + "@" + new string('d', 63) + "." + new string('d', 63) + "." + new string('d', 57) + ".com";
        Assert.Equal(254, email.Length);

        Assert.Equal(email, Patch($"{{\"email\": \"{email}\"}}").Email);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(400)]
    [InlineData(5000)]
    public void EmailOver254CharactersIsRefused(int length)
    {
        var email = new string('e', 64) + "@" + new string('d', length - 64 - 1 - 4) + ".com";

        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"email\": \"{email}\"}}"));

        Assert.StartsWith("'email' is longer than", ex.Message);
        Assert.DoesNotContain(email, ex.Message);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[\"dana@example.com\"]")]
    public void EmailMustBeAString(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"email\": {json}}}"));

        Assert.Equal("'email' must be a string.", ex.Message);
    }

    [Fact]
    public void EmailIsTheIdentityWhenBothAreGiven()
    {
        Assert.Equal("dana@example.com", Patch("{\"email\": \"dana@example.com\", \"sms\": \"054-1234567\"}").Identity);
    }
}
