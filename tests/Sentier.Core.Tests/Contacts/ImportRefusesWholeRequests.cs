using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Some faults concern the request, not a row: too many contacts, no group or a group that does
/// not exist. Those are refused before anything is written, not reported row by row.
/// </summary>
public sealed class ImportRefusesWholeRequests
{
    [Fact]
    public async Task MoreThanAThousandContactsAreRefusedAndNothingIsWritten()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var before = await h.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.ImportAsync(group.Id, Enumerable.Range(0, ContactImporter.MaxContacts + 1).Select(i => new { email = $"over{i}@example.com" })));

        Assert.Contains("1001", ex.Message);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task AnUnknownGroupIsNotFoundAndNothingIsWritten()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var before = await h.SnapshotAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.ImportAsync(group.Id + 1000, [new { email = "lost@example.com" }]));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.ImportAsync(0, [new { email = "lost@example.com" }]));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.ImportAsync(-group.Id, [new { email = "lost@example.com" }]));

        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"contacts":[{"email":"a@example.com"}]}""")]
    [InlineData("""{"group":"GROUP","contacts":[{"email":"a@example.com"}]}""")]
    [InlineData("""{"group":1}""")]
    [InlineData("""{"group":1,"contacts":{"email":"a@example.com"}}""")]
    public async Task AMissingOrMalformedGroupOrContactListIsRefused(string json)
    {
        var h = await ContactHarness.CreateAsync();
        await h.NewGroupAsync();
        var before = await h.SnapshotAsync();

        await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.Importer.ImportAsync(h.AccountId, ContactHarness.Json(json), ContactHarness.Api, CancellationToken.None));

        Assert.Equal(before, await h.SnapshotAsync());
    }
}
