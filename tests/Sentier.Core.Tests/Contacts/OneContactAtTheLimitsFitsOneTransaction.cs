using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Why one contact's write never needs more than one transaction: the largest contact the API
/// accepts (every field at its limit in Hebrew, the longest Hebrew address), created in and
/// deleted from the most groups a contact may join, fits the operation and the byte limits with
/// room to spare, and storage takes it.
/// </summary>
public sealed class OneContactAtTheLimitsFitsOneTransaction
{
    [Fact]
    public async Task CreatingAndDeletingItInFortyGroupsFitsAndCommits()
    {
        var h = await ContactHarness.CreateAsync();
        var groups = new List<long>();
        for (var i = 0; i < Contact.MaxGroups; i++)
        {
            groups.Add((await h.NewGroupAsync($"Group {i}")).Id);
        }

        var contact = LargestContacts.Contact(1, 77, groups) with { Created = ContactHarness.Start };

        var created = StagedAlone(h, null, contact);
        Assert.True(await h.Store.TrySubmitAsync(created, CancellationToken.None));
        var stored = Assert.Single(await h.ReadContactsAsync());
        Assert.Equal(contact.Fields, stored.Fields);

        var deleted = StagedAlone(h, stored, null);
        Assert.True(await h.Store.TrySubmitAsync(deleted, CancellationToken.None));
        Assert.Empty(await h.ReadContactsAsync());

        var records = (await h.ReadRowsAsync(ContactKeys.ChangePrefix)).Select(ChangeRecord.FromEntity).ToList();
        Assert.Equal([Contact.MaxGroups + 1, Contact.MaxGroups + 1], records.Select(record => record.Changes.Count));
        Assert.All(records.SelectMany(record => record.Changes), change => Assert.Equal(contact.Email, change.Email));
        await h.AssertConsistentAsync();
    }

    /// <summary>The transition staged alone, checked to leave room: at most 90 operations and half the byte budget.</summary>
    private static ContactBatch StagedAlone(ContactHarness h, Contact? before, Contact? after)
    {
        var batch = new ContactBatch(h.AccountId, ChangeSource.Api, "test-app", ContactHarness.Start);
        batch.Stage(before, after);
        Assert.InRange(batch.OperationCount, Contact.MaxGroups * 2, 90);
        Assert.InRange(batch.PayloadBytes, 1, TransactionSize.PayloadBudget / 2);
        return batch;
    }
}
