using Sentier.Core.Common;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchBooleans
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"True\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("\" true \"", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void BooleansAreReadAsActiveTrailsBinderReadsThem(string json, bool expected)
    {
        Assert.Equal(expected, Patch($"{{\"is_do_not_mail\": {json}}}").IsDoNotMail);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("0.5")]
    [InlineData("\"yes\"")]
    [InlineData("\"2\"")]
    [InlineData("\"on\"")]
    [InlineData("{}")]
    [InlineData("[true]")]
    public void OtherValuesAreNotBooleans(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"is_do_not_mail\": {json}}}"));

        Assert.Equal("'is_do_not_mail' must be true or false.", ex.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void BlankBooleanLeavesTheFlagAsItIs(string json)
    {
        Assert.Null(Patch($"{{\"is_do_not_mail\": {json}}}").IsDoNotMail);
    }
}
