using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class EmailAddressRejection
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void BlankIsEmpty(string? text)
    {
        Assert.False(EmailAddress.TryNormalize(text, out var normalized, out var error));

        Assert.Equal("", normalized);
        Assert.Equal("is empty", error);
    }

    [Theory]
    [InlineData("dana")]
    [InlineData("dana.example.com")]
    [InlineData("@example.com")]
    [InlineData("dana@")]
    [InlineData("@")]
    public void MissingAtOrMissingSideIsNotAnAddress(string text)
    {
        Assert.False(EmailAddress.TryNormalize(text, out _, out var error));

        Assert.Equal("is not an email address", error);
    }

    [Theory]
    [InlineData(".dana@example.com")]
    [InlineData("dana.@example.com")]
    [InlineData("da..na@example.com")]
    [InlineData(".@example.com")]
    public void LocalPartDotsMustSeparateAtoms(string text)
    {
        Assert.False(EmailAddress.TryNormalize(text, out _, out var error));

        Assert.Equal("is not an email address (the part before @ is not valid)", error);
    }

    [Theory]
    [InlineData("dana levi@example.com")]
    [InlineData("dana\u00A0levi@example.com")]
    [InlineData("\"dana\"@example.com")]
    [InlineData("\"dana levi\"@example.com")]
    [InlineData("dana\u0001@example.com")]
    [InlineData("dana\u0000@example.com")]
    [InlineData("dana\u007F@example.com")]
    [InlineData("dana\u0085@example.com")]
    [InlineData("dana\n@example.com")]
    [InlineData("da\\na@example.com")]
    [InlineData("dana(comment)@example.com")]
    [InlineData("dana,levi@example.com")]
    [InlineData("dana;levi@example.com")]
    [InlineData("dana:levi@example.com")]
    [InlineData("<dana>@example.com")]
    [InlineData("dana[1]@example.com")]
    public void SpacesQuotesControlsAndSpecialsAreRefusedBeforeTheAt(string text)
    {
        Assert.False(EmailAddress.TryNormalize(text, out var normalized, out var error));

        Assert.Equal("", normalized);
        Assert.Equal("is not an email address (the part before @ is not valid)", error);
    }

    [Theory]
    [InlineData("dana@localhost")]
    [InlineData("dana@example")]
    [InlineData("dana@example.c")]
    [InlineData("dana@example.123")]
    [InlineData("dana@192.168.1.1")]
    [InlineData("dana@[192.168.1.1]")]
    [InlineData("dana@example..com")]
    [InlineData("dana@.example.com")]
    [InlineData("dana@example.com.")]
    [InlineData("dana@-example.com")]
    [InlineData("dana@example-.com")]
    [InlineData("dana@exa_mple.com")]
    [InlineData("dana@exa mple.com")]
    [InlineData("dana@example.com/path")]
    [InlineData("dana@example.com?x")]
    [InlineData("dana@exam\u0001ple.com")]
    public void DomainMustBeDnsLabelsWithALetterTopLevel(string text)
    {
        Assert.False(EmailAddress.TryNormalize(text, out var normalized, out var error));

        Assert.Equal("", normalized);
        Assert.Equal("is not an email address (the domain is not valid)", error);
    }
}
