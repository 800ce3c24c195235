using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>A form-encoded POST carries every value as text; each field type must still read it.</summary>
public sealed class ContactPatchFromForm
{
    [Fact]
    public void EveryFieldTypeReadsFormText()
    {
        var form = JsonBody.FromForm(new Dictionary<string, string?>
        {
            ["Email"] = " Dana@Example.com ",
            ["sms"] = "054-1234567",
            ["status"] = "Unsubscribed",
            ["sms_status"] = "3",
            ["is_do_not_mail"] = "False",
            ["first_name"] = "Dana",
            ["birthday"] = "1990-05-17",
            ["num1"] = "3.5",
            ["city"] = "",
        });

        var patch = ContactPatch.Parse(form, IsraeliPhones);

        Assert.Equal("dana@example.com", patch.Email);
        Assert.Equal("+972541234567", patch.Sms);
        Assert.Equal(SubscriptionStatus.Unsubscribed, patch.Status);
        Assert.Equal(SubscriptionStatus.Pending, patch.SmsStatus);
        Assert.False(patch.IsDoNotMail);
        Assert.Equal("Dana", patch.Fields["first_name"]);
        Assert.Equal(new DateTimeOffset(1990, 5, 17, 0, 0, 0, TimeSpan.Zero), patch.Fields["birthday"]);
        Assert.Equal(3.5, patch.Fields["num1"]);
        Assert.Null(patch.Fields["city"]);
    }

    [Fact]
    public void FormDoubleOptinIsRefusedBecauseItIsNotAnObject()
    {
        var form = JsonBody.FromForm([new("email", "dana@example.com"), new("double_optin", "{\"template_id\": 1}")]);

        Assert.Throws<InvalidRequestException>(() => ContactPatch.Parse(form, IsraeliPhones));
    }
}
