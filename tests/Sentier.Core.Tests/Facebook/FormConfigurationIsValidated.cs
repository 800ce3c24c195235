using Sentier.Core.Common;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>A form's sync configuration: unknown contact fields, groups and connections are 400s that name them, and change nothing.</summary>
public sealed class FormConfigurationIsValidated
{
    [Fact]
    public async Task Unknown_contact_fields_are_named_together()
    {
        await using var h = await FacebookHarness.CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.PutFormAsync(new { connection_id = FacebookHarness.PageId, field_mapping = new { budget = "ext1", color = "favourite_colour", size = "ext99" } }));

        Assert.Contains("'favourite_colour'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ext99'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'ext1'", error.Message, StringComparison.Ordinal);
        Assert.Null(await h.Forms.FindAsync(h.AccountId, FacebookHarness.FormId, CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_groups_and_connections_are_refused()
    {
        await using var h = await FacebookHarness.CreateAsync();

        Assert.Contains("'group_id' 987654", (await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.PutFormAsync(new { connection_id = FacebookHarness.PageId, group_id = 987654 }))).Message, StringComparison.Ordinal);
        Assert.Contains("'connection_id' '1999'", (await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.PutFormAsync(new { connection_id = "1999" }))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidRequestException>(() => h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, formId: "../x"));
        await Assert.ThrowsAsync<InvalidRequestException>(() => h.PutFormAsync(new { connection_id = FacebookHarness.PageId, field_mapping = "email" }));
        await Assert.ThrowsAsync<InvalidRequestException>(() => h.PutFormAsync(new { connection_id = FacebookHarness.PageId, since = DateTimeOffset.UtcNow.AddDays(2).ToString("O") }));
        Assert.Null(await h.Forms.FindAsync(h.AccountId, FacebookHarness.FormId, CancellationToken.None));
    }

    [Fact]
    public void The_default_mapping_covers_the_standard_questions()
    {
        var mapping = LeadMapping.Default.Effective;

        Assert.Equal("sms", mapping["phone_number"]);
        Assert.Equal("zip_code", mapping["post_code"]);
        Assert.Equal("street", mapping["street_address"]);
        Assert.Equal("birthday", mapping["date_of_birth"]);
        Assert.Equal(("Dana", (string?)null), LeadMapping.SplitName("Dana"));
    }
}
