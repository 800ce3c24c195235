using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Why one contact's write never needs more than one transaction. A write joins at most one group,
/// so the largest writes are the ones that touch every group a contact is in: the largest contact
/// the API accepts (every field at its limit in Hebrew, the longest Hebrew address) joining its
/// fortieth group while its email and number change and it unsubscribes (every group's active
/// counter moves), and its delete from all forty groups. Both fit the operation and byte limits
/// with room to spare, join guard included, and storage takes them.
/// </summary>
public sealed class OneContactAtTheLimitsFitsOneTransaction
{
    private const long ContactId = 77;

    [Fact]
    public async Task JoiningItsFortiethGroupAndBeingDeletedFromAllFitAndCommit()
    {
        var h = await ContactHarness.CreateAsync();
        var groups = new List<long>();
        for (var i = 0; i < Contact.MaxGroups; i++)
        {
            groups.Add((await h.NewGroupAsync($"Group {i}")).Id);
        }

        var contact = LargestContacts.Contact(1, ContactId, [groups[0]]) with { Created = ContactHarness.Start };
        Assert.True(await h.Store.TrySubmitAsync(StagedAlone(h, null, contact, minOperations: 4), CancellationToken.None));
        foreach (var groupId in groups[1..^1])
        {
            await h.Writer.ModifyAsync(h.AccountId, ContactRef.ById(ContactId), current => current.JoiningGroup(groupId), ContactHarness.Api, CancellationToken.None);
        }

        var before = Assert.Single(await h.ReadContactsAsync());
        var after = ContactPatch.Parse(
                ContactHarness.Json($$"""{"email":"{{LargestContacts.Email(2)}}","sms":"+972549999999","status":"Unsubscribed"}"""), h.Phones)
            .ApplyTo(before, ContactId, ContactHarness.Start, ChangeSource.Api, "test-app")
            .JoiningGroup(groups[^1]);
        Assert.True(await h.Store.TrySubmitAsync(StagedAlone(h, before, after, minOperations: Contact.MaxGroups + 6), CancellationToken.None));
        var stored = Assert.Single(await h.ReadContactsAsync());
        Assert.Equal(groups, stored.GroupIds);
        Assert.Equal(after.Fields, stored.Fields);

        Assert.True(await h.Store.TrySubmitAsync(StagedAlone(h, stored, null, minOperations: Contact.MaxGroups * 2), CancellationToken.None));
        Assert.Empty(await h.ReadContactsAsync());

        var records = (await h.ReadRowsAsync(ContactKeys.ChangePrefix)).Select(ChangeRecord.FromEntity).ToList();
        var deleted = Assert.Single(records.SelectMany(record => record.Revisions), revision => revision.Kind == ContactRevisionKind.Deleted);
        Assert.Equal(groups, deleted.GroupsRemoved);
        Assert.Equal(after.Email, deleted.Contact["email"]!.GetValue<string>());
        Assert.True(deleted.Contact["is_deleted"]!.GetValue<bool>());
        await h.AssertConsistentAsync();
    }

    /// <summary>The transition staged alone, checked to leave room: at most 90 operations and half the byte budget.</summary>
    private static ContactBatch StagedAlone(ContactHarness h, Contact? before, Contact? after, int minOperations)
    {
        var batch = new ContactBatch(h.AccountId, ChangeSource.Api, "test-app", ContactHarness.Start);
        batch.Stage(before, after);
        Assert.InRange(batch.OperationCount, minOperations, 90);
        Assert.InRange(batch.PayloadBytes, 1, TransactionSize.PayloadBudget / 2);
        return batch;
    }
}
