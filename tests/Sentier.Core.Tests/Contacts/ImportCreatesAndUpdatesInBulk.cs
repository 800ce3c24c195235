using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Import at its limit: a thousand new contacts are created and counted in the group once, and the
/// same thousand sent again are updated in place, with no second contact, index or membership.
/// </summary>
public sealed class ImportCreatesAndUpdatesInBulk
{
    private const int Count = ContactImporter.MaxContacts;

    [Fact]
    public async Task AThousandNewContactsAreCreatedThenUpdatedByTheSameImport()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync("Imported");

        var created = await h.ImportAsync(group.Id, Enumerable.Range(0, Count).Select(i => new { email = $"bulk{i}@example.com", first_name = "First", ext1 = $"row {i}" }));

        Assert.Equal((Count, 0), (created.Created, created.Updated));
        Assert.Empty(created.Failed);
        var afterCreate = await h.GetGroupAsync(group.Id);
        Assert.Equal((Count, Count), (afterCreate.Counter, afterCreate.ActiveCounter));
        var firstIds = (await h.ReadContactsAsync()).ToDictionary(contact => contact.Email!, contact => contact.Id);
        Assert.Equal(Count, firstIds.Count);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        var updated = await h.ImportAsync(group.Id, Enumerable.Range(0, Count).Select(i => new { email = $"BULK{i}@Example.com", first_name = "Second" }));

        Assert.Equal((0, Count), (updated.Created, updated.Updated));
        Assert.Empty(updated.Failed);
        var contacts = await h.ReadContactsAsync();
        Assert.Equal(Count, contacts.Count);
        Assert.All(contacts, contact =>
        {
            Assert.Equal(firstIds[contact.Email!], contact.Id);
            Assert.Equal("Second", contact.Fields["first_name"]);
            Assert.StartsWith("row ", (string)contact.Fields["ext1"]);
            Assert.Equal([group.Id], contact.GroupIds);
            Assert.Equal(ChangeSource.Import, contact.ChangedBy);
        });
        Assert.Equal(Count, (await h.ReadRowsAsync(ContactKeys.MembersOf(group.Id))).Count);
        var afterUpdate = await h.GetGroupAsync(group.Id);
        Assert.Equal((Count, Count), (afterUpdate.Counter, afterUpdate.ActiveCounter));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ImportingExistingContactsIntoAnotherGroupAddsThemThereOnly()
    {
        var h = await ContactHarness.CreateAsync();
        var first = await h.NewGroupAsync("First");
        var second = await h.NewGroupAsync("Second");
        await h.ImportAsync(first.Id, Enumerable.Range(0, 100).Select(i => new { email = $"both{i}@example.com" }));

        // Half of them known already, half new, and a quarter unsubscribed on the way in.
        var result = await h.ImportAsync(second.Id, Enumerable.Range(50, 100).Select(i => new { email = $"both{i}@example.com", status = i % 4 == 0 ? "Unsubscribed" : null }));

        Assert.Equal((50, 50), (result.Created, result.Updated));
        Assert.Empty(result.Failed);
        Assert.Equal(150, (await h.ReadContactsAsync()).Count);
        Assert.Equal(await h.RecountAsync(first.Id), ((await h.GetGroupAsync(first.Id)).Counter, (await h.GetGroupAsync(first.Id)).ActiveCounter));
        var stored = await h.GetGroupAsync(second.Id);
        Assert.Equal((100L, 75L), (stored.Counter, stored.ActiveCounter));
        await h.AssertConsistentAsync();
    }

    /// <summary>Only the id allocator row may move: an import reserves ids before it knows which contacts are new.</summary>
    [Fact]
    public async Task ReimportingUnchangedContactsRewritesNoContactAndAnnouncesNothing()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var rows = Enumerable.Range(0, 40).Select(i => new { email = $"same{i}@example.com", last_name = "Same" }).ToList();
        await h.ImportAsync(group.Id, rows);
        var before = WithoutAllocators(await h.SnapshotAsync());

        var again = await h.ImportAsync(group.Id, rows);

        Assert.Equal((0, 40), (again.Created, again.Updated));
        Assert.Equal(before, WithoutAllocators(await h.SnapshotAsync()));
    }

    private static List<string> WithoutAllocators(List<string> snapshot) =>
        snapshot.Where(row => !row.StartsWith(ContactKeys.AllocatorPrefix, StringComparison.Ordinal)).ToList();
}
