using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchTextFields
{
    [Theory]
    [InlineData("first_name")]
    [InlineData("last_name")]
    [InlineData("city")]
    [InlineData("street")]
    [InlineData("zip_code")]
    [InlineData("fax")]
    [InlineData("phone1")]
    [InlineData("phone2")]
    [InlineData("ext1")]
    [InlineData("ext25")]
    [InlineData("subscribe_ip")]
    public void EveryTextFieldTakesAString(string name)
    {
        var patch = Patch($"{{\"{name}\": \"שלום O'Brien\"}}");

        Assert.Equal("שלום O'Brien", patch.Fields[name]);
    }

    [Theory]
    [InlineData("12345", "12345")]
    [InlineData("0", "0")]
    [InlineData("-7.25", "-7.25")]
    [InlineData("1e3", "1e3")]
    public void NumberIsKeptAsItsText(string json, string expected)
    {
        // Json.NET clients send zip codes and phones as numbers; ActiveTrail stores their text.
        var patch = Patch($"{{\"zip_code\": {json}}}");

        Assert.Equal(expected, patch.Fields["zip_code"]);
    }

    [Fact]
    public void FieldNamesAreMatchedInAnyCaseAndStoredUnderTheWireName()
    {
        var patch = Patch("{\"First_Name\": \"Dana\", \"EXT3\": \"vip\"}");

        Assert.Equal("Dana", patch.Fields["first_name"]);
        Assert.Equal("vip", patch.Fields["ext3"]);
        Assert.Equal(2, patch.Fields.Count);
    }

    [Fact]
    public void UnknownFieldsAreIgnored()
    {
        var patch = Patch("{\"nickname\": \"D\", \"ext26\": \"x\", \"first_name\": \"Dana\"}");

        Assert.Equal(["first_name"], patch.Fields.Keys);
    }

    [Fact]
    public void TextOf1000CharactersIsAccepted()
    {
        var text = new string('t', ContactField.MaxTextLength);

        Assert.Equal(text, Patch($"{{\"ext1\": \"{text}\"}}").Fields["ext1"]);
    }

    [Fact]
    public void TextOver1000CharactersIsRefusedNamingTheField()
    {
        var text = new string('t', ContactField.MaxTextLength + 1);

        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"ext1\": \"{text}\"}}"));

        Assert.Equal("'ext1' is longer than 1000 characters.", ex.Message);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("{}")]
    [InlineData("{\"a\": 1}")]
    [InlineData("[\"Dana\"]")]
    public void OtherJsonTypesAreRefusedNamingTheField(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"first_name\": {json}}}"));

        Assert.Equal("'first_name' must be a string.", ex.Message);
    }
}
