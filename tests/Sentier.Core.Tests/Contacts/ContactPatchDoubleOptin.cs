using Sentier.Core.Common;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchDoubleOptin
{
    [Fact]
    public void ObjectIsKeptAsTheJsonTheClientSent()
    {
        var patch = Patch("{\"double_optin\": {\"template_id\": 12, \"send_double_optin\": true}}");

        Assert.True(patch.SetsDoubleOptin);
        Assert.Equal("{\"template_id\": 12, \"send_double_optin\": true}", patch.DoubleOptin);
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("\"{}\"")]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("[]")]
    public void AnythingButAnObjectIsRefused(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"double_optin\": {json}}}"));

        Assert.Equal("'double_optin' must be a JSON object.", ex.Message);
    }

    [Fact]
    public void NullClearsIt()
    {
        var patch = Patch("{\"double_optin\": null}");

        Assert.True(patch.SetsDoubleOptin);
        Assert.Null(patch.DoubleOptin);
    }

    [Fact]
    public void AbsentLeavesItAlone()
    {
        Assert.False(Patch("{\"email\": \"dana@example.com\"}").SetsDoubleOptin);
    }

    [Fact]
    public void ObjectOver4000CharactersIsRefused()
    {
        var json = $"{{\"double_optin\": {{\"text\": \"{new string('x', 4000)}\"}}}}";

        var ex = Assert.Throws<InvalidRequestException>(() => Patch(json));

        Assert.Equal("'double_optin' is longer than 4000 characters.", ex.Message);
    }
}
