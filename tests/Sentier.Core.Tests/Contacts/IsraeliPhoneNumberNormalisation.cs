using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class IsraeliPhoneNumberNormalisation
{
    private readonly PhoneNumberNormalizer _phones = new("IL");

    [Theory]
    [InlineData("054-1234567")]
    [InlineData("0541234567")]
    [InlineData("054 123 4567")]
    [InlineData("(054) 123-4567")]
    [InlineData("054.123.4567")]
    [InlineData("+972541234567")]
    [InlineData("+972 54-123-4567")]
    [InlineData("+972-54-1234567")]
    [InlineData("00972541234567")]
    [InlineData("00 972 54 123 4567")]
    [InlineData("972541234567")]
    [InlineData("  054-1234567  ")]
    public void EveryCommonFormOfOneMobileIsTheSameE164Number(string text)
    {
        Assert.True(_phones.TryNormalize(text, out var e164));

        Assert.Equal("+972541234567", e164);
    }

    [Fact]
    public void NumberOfAnotherCountryKeepsItsCountryCode()
    {
        Assert.True(_phones.TryNormalize("+1 (201) 555-0123", out var e164));

        Assert.Equal("+12015550123", e164);
    }

    [Fact]
    public void InternationalPrefixWithDoubleZeroReachesAnotherCountry()
    {
        Assert.True(_phones.TryNormalize("0044 20 7946 0958", out var e164));

        Assert.Equal("+442079460958", e164);
    }

    [Fact]
    public void DefaultRegionIsReported()
    {
        Assert.Equal("IL", _phones.DefaultRegion);
    }
}
