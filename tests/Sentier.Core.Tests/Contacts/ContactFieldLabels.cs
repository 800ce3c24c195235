using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Custom contact fields (ext, date, num) carry labels an account chooses, stored in the account's
/// partition; form plugins map their fields by these labels. Standard fields keep their names.
/// </summary>
public sealed class ContactFieldLabels
{
    [Fact]
    public async Task ACustomFieldsLabelIsKeptForItsAccountOnly()
    {
        var h = await ContactHarness.CreateAsync();
        var other = h.AnotherAccount();

        var renamed = await h.Fields.RenameAsync(h.AccountId, "ext3", ContactHarness.Json("""{"field_display_name":"  Favourite colour  "}"""), CancellationToken.None);
        await h.Fields.RenameAsync(h.AccountId, "NUM2", ContactHarness.Json("""{"field_display_name":"Shoe size"}"""), CancellationToken.None);

        Assert.Equal(new ContactFieldInfo("ext3", "Favourite colour", "ext3", "text", IsCustom: true), renamed);

        // Read back through another instance: the label is stored, not remembered.
        var listed = await h.AnotherInstance().Fields.ListAsync(h.AccountId, CancellationToken.None);
        Assert.Equal("Favourite colour", listed.Single(field => field.FieldName == "ext3").FieldDisplayName);
        Assert.Equal("Shoe size", listed.Single(field => field.FieldName == "num2").FieldDisplayName);
        Assert.Equal("Text field 4", listed.Single(field => field.FieldName == "ext4").FieldDisplayName);
        Assert.Equal(["email", "sms"], listed.Take(2).Select(field => field.FieldName));
        Assert.Equal(listed.Count, listed.Select(field => field.FieldName).Distinct().Count());

        var ofOther = await other.Fields.ListAsync(other.AccountId, CancellationToken.None);
        Assert.Equal("Text field 3", ofOther.Single(field => field.FieldName == "ext3").FieldDisplayName);
    }

    [Fact]
    public async Task RenamingAgainReplacesTheLabelAndKeepsTheOthers()
    {
        var h = await ContactHarness.CreateAsync();
        await h.Fields.RenameAsync(h.AccountId, "ext1", ContactHarness.Json("""{"field_display_name":"First"}"""), CancellationToken.None);
        await h.Fields.RenameAsync(h.AccountId, "date1", ContactHarness.Json("""{"field_display_name":"Joined"}"""), CancellationToken.None);

        await h.Fields.RenameAsync(h.AccountId, "ext1", ContactHarness.Json("""{"field_display_name":"Second"}"""), CancellationToken.None);

        var listed = await h.Fields.ListAsync(h.AccountId, CancellationToken.None);
        Assert.Equal("Second", listed.Single(field => field.FieldName == "ext1").FieldDisplayName);
        Assert.Equal(("Joined", "date"), (listed.Single(field => field.FieldName == "date1").FieldDisplayName, listed.Single(field => field.FieldName == "date1").Type));
        Assert.Single(await h.ReadRowsAsync(ContactKeys.FieldLabels));
    }

    [Theory]
    [InlineData("first_name")]
    [InlineData("birthday")]
    [InlineData("subscribe_ip")]
    [InlineData("email")]
    [InlineData("sms")]
    public async Task AStandardFieldRefusesALabel(string field)
    {
        var h = await ContactHarness.CreateAsync();

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.Fields.RenameAsync(h.AccountId, field, ContactHarness.Json("""{"field_display_name":"Mine"}"""), CancellationToken.None));

        Assert.Contains(field, ex.Message);
        Assert.Empty(await h.ReadRowsAsync());
    }

    [Theory]
    [InlineData("ext26")]
    [InlineData("nope")]
    [InlineData("")]
    public async Task AnUnknownFieldIsNotFound(string field)
    {
        var h = await ContactHarness.CreateAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            h.Fields.RenameAsync(h.AccountId, field, ContactHarness.Json("""{"field_display_name":"Mine"}"""), CancellationToken.None));

        Assert.Empty(await h.ReadRowsAsync());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"field_display_name":"   "}""")]
    [InlineData("""{"field_display_name":12}""")]
    public async Task ALabelMustBeGiven(string json)
    {
        var h = await ContactHarness.CreateAsync();

        await Assert.ThrowsAsync<InvalidRequestException>(() => h.Fields.RenameAsync(h.AccountId, "ext1", ContactHarness.Json(json), CancellationToken.None));

        Assert.Empty(await h.ReadRowsAsync());
    }
}
