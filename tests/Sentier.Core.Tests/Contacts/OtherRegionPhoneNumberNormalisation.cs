using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class OtherRegionPhoneNumberNormalisation
{
    private readonly PhoneNumberNormalizer _phones = new("US");

    [Theory]
    [InlineData("(201) 555-0123")]
    [InlineData("201-555-0123")]
    [InlineData("2015550123")]
    [InlineData("+1 201 555 0123")]
    [InlineData("1 201 555 0123")]
    public void NationalNumbersAreReadInTheConfiguredRegion(string text)
    {
        Assert.True(_phones.TryNormalize(text, out var e164));

        Assert.Equal("+12015550123", e164);
    }

    [Fact]
    public void IsraeliNumberNeedsItsCountryCodeOutsideIsrael()
    {
        Assert.True(_phones.TryNormalize("+972 54-123-4567", out var e164));

        Assert.Equal("+972541234567", e164);
    }

    [Theory]
    [InlineData("us")]
    [InlineData(" Us ")]
    public void RegionIsReadInAnyCaseAndTrimmed(string region)
    {
        Assert.Equal("US", new PhoneNumberNormalizer(region).DefaultRegion);
    }

    [Fact]
    public void GermanRegionReadsGermanNationalNumbers()
    {
        Assert.True(new PhoneNumberNormalizer("DE").TryNormalize("030 1234567", out var e164));

        Assert.Equal("+49301234567", e164);
    }
}
