using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class ChangeSourceHeader
{
    [Theory]
    [InlineData("manual", ChangeSource.Manual)]
    [InlineData("MANUAL", ChangeSource.Manual)]
    [InlineData("Manual", ChangeSource.Manual)]
    [InlineData("api", ChangeSource.Api)]
    [InlineData("import", ChangeSource.Import)]
    [InlineData("facebook", ChangeSource.Facebook)]
    [InlineData("Zapier", ChangeSource.Zapier)]
    [InlineData("AUTOMATION", ChangeSource.Automation)]
    [InlineData("  manual  ", ChangeSource.Manual)]
    public void SourceNamesAreReadInAnyCase(string header, ChangeSource expected)
    {
        Assert.Equal(expected, ChangeSources.FromHeader(header, ChangeSource.Api));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoHeaderMeansTheFallback(string? header)
    {
        Assert.Equal(ChangeSource.Import, ChangeSources.FromHeader(header, ChangeSource.Import));
        Assert.Equal(ChangeSource.Api, ChangeSources.FromHeader(header, ChangeSource.Api));
    }

    [Theory]
    [InlineData("crm")]
    [InlineData("ui")]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("9")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("manual,api")]
    [InlineData("Import, Manual")]
    [InlineData("manual api")]
    public void UnknownNamesNumbersAndListsAreRefused(string header)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => ChangeSources.FromHeader(header, ChangeSource.Api));

        Assert.Equal("X-Change-Source must be one of api, import, manual, facebook, zapier, automation.", ex.Message);
    }

    [Theory]
    [InlineData(ChangeSource.Api, "api")]
    [InlineData(ChangeSource.Manual, "manual")]
    [InlineData(ChangeSource.Automation, "automation")]
    public void NamesAreLowerCase(ChangeSource source, string expected)
    {
        Assert.Equal(expected, ChangeSources.Name(source));
    }
}
