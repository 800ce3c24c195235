using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchClearsAndKeepsFields
{
    private static readonly Contact Existing = Stored() with
    {
        Sms = "+972541234567",
        SmsStatus = SubscriptionStatus.Subscribed,
        DoubleOptin = "{\"template_id\": 1}",
        Fields = new Dictionary<string, object>
        {
            ["first_name"] = "Dana",
            ["birthday"] = new DateTimeOffset(1990, 5, 17, 0, 0, 0, TimeSpan.Zero),
            ["num1"] = 3.5,
        },
    };

    [Theory]
    [InlineData("first_name", "null")]
    [InlineData("first_name", "\"\"")]
    [InlineData("first_name", "\"   \"")]
    [InlineData("birthday", "null")]
    [InlineData("birthday", "\"\"")]
    [InlineData("num1", "null")]
    [InlineData("num1", "\"\"")]
    public void NullOrBlankClearsAField(string name, string json)
    {
        var patch = Patch($"{{\"{name}\": {json}}}");
        Assert.True(patch.Fields.ContainsKey(name));
        Assert.Null(patch.Fields[name]);

        var updated = patch.ApplyTo(Existing, 99, Now, ChangeSource.Api, null);

        Assert.False(updated.Fields.ContainsKey(name));
        Assert.Equal(2, updated.Fields.Count);
    }

    [Fact]
    public void AbsentFieldsAreLeftAsTheyAre()
    {
        var updated = Patch("{\"last_name\": \"Levi\"}").ApplyTo(Existing, 99, Now, ChangeSource.Api, null);

        Assert.Equal("Dana", updated.Fields["first_name"]);
        Assert.Equal(Existing.Fields["birthday"], updated.Fields["birthday"]);
        Assert.Equal(3.5, updated.Fields["num1"]);
        Assert.Equal("Levi", updated.Fields["last_name"]);
        Assert.Equal(Existing.Email, updated.Email);
        Assert.Equal(Existing.Sms, updated.Sms);
        Assert.Equal(Existing.DoubleOptin, updated.DoubleOptin);
        Assert.Equal(Existing.Status, updated.Status);
        Assert.Equal(Existing.SmsStatus, updated.SmsStatus);
    }

    [Fact]
    public void SentFieldsReplaceStoredValues()
    {
        var updated = Patch("{\"first_name\": \"Noa\", \"num1\": 4}").ApplyTo(Existing, 99, Now, ChangeSource.Api, null);

        Assert.Equal("Noa", updated.Fields["first_name"]);
        Assert.Equal(4.0, updated.Fields["num1"]);
    }

    [Fact]
    public void PatchDoesNotChangeTheStoredContact()
    {
        Patch("{\"first_name\": null, \"last_name\": \"Levi\"}").ApplyTo(Existing, 99, Now, ChangeSource.Api, null);

        Assert.Equal(3, Existing.Fields.Count);
        Assert.Equal("Dana", Existing.Fields["first_name"]);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void BlankEmailClearsTheEmailWhenAnSmsRemains(string json)
    {
        var patch = Patch($"{{\"email\": {json}}}");
        Assert.True(patch.SetsEmail);
        Assert.Null(patch.Email);

        var updated = patch.ApplyTo(Existing, 99, Now, ChangeSource.Api, null);

        Assert.Null(updated.Email);
        Assert.Equal("+972541234567", updated.Sms);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void BlankSmsClearsTheNumber(string json)
    {
        var updated = Patch($"{{\"sms\": {json}}}").ApplyTo(Existing, 99, Now, ChangeSource.Api, null);

        Assert.Null(updated.Sms);
        Assert.Equal("dana@example.com", updated.Email);
    }

    [Fact]
    public void NullDoubleOptinClearsIt()
    {
        var updated = Patch("{\"double_optin\": null}").ApplyTo(Existing, 99, Now, ChangeSource.Api, null);

        Assert.Null(updated.DoubleOptin);
    }

    [Fact]
    public void AbsentEmailAndSmsAreNotSet()
    {
        var patch = Patch("{\"first_name\": \"Dana\"}");

        Assert.False(patch.SetsEmail);
        Assert.False(patch.SetsSms);
        Assert.Null(patch.Identity);
        Assert.Null(patch.Status);
        Assert.Null(patch.IsDoNotMail);
    }
}
