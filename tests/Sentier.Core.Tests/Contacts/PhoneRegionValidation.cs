using Microsoft.Extensions.Options;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class PhoneRegionValidation
{
    [Theory]
    [InlineData("XX")]
    [InlineData("ZZ")]
    [InlineData("")]
    [InlineData("Israel")]
    [InlineData("972")]
    public void UnknownRegionIsRefusedAtConstruction(string region)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PhoneNumberNormalizer(region));

        Assert.Equal("defaultRegion", ex.ParamName);
    }

    [Fact]
    public void OptionsDefaultToIsrael()
    {
        var phones = new PhoneNumberNormalizer(Options.Create(new ContactOptions()));

        Assert.Equal("IL", phones.DefaultRegion);
    }

    [Fact]
    public void OptionsChooseTheRegion()
    {
        var phones = new PhoneNumberNormalizer(Options.Create(new ContactOptions { DefaultPhoneRegion = "gb" }));

        Assert.Equal("GB", phones.DefaultRegion);
    }
}
