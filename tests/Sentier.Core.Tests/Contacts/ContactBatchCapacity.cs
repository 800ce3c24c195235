using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

/// <summary>A transaction holds at most 100 operations; a contact that would not fit is left for the next batch, never half-staged.</summary>
public sealed class ContactBatchCapacity
{
    private static Contact NewMember(long id) => Stored(id, $"member{id}@example.com", 7) with { Created = Now, Updated = Now };

    [Fact]
    public void ThirtyTwoNewMembersOfOneGroupFitAndTheThirtyThirdDoesNot()
    {
        var batch = StagedRows.NewBatch();

        // The first contact brings the group's counter row, its join guard and the outbox row; each one after adds contact, index and membership.
        for (var id = 1; id <= 32; id++)
        {
            Assert.True(batch.TryStage(null, NewMember(id)), $"contact {id} did not fit");
        }

        Assert.Equal(99, batch.OperationCount);
        Assert.False(batch.TryStage(null, NewMember(33)));
        Assert.Equal(99, batch.OperationCount);

        var rows = StagedRows.Of(batch);
        Assert.Equal(99, rows.Actions.Count);
        Assert.Equal(32, rows.WithPrefix(ContactKeys.ContactPrefix).Count);
        Assert.Equal(32, rows.WithPrefix(ContactKeys.MemberPrefix).Count);
        Assert.Equal((32, 32), rows.Counter(7));
        rows.Single(ContactKeys.JoinGuardPrefix);
        Assert.Equal(64, rows.Changes().Count);
        Assert.DoesNotContain(rows.Changes(), change => change.ContactId == 33);
    }

    [Fact]
    public void RefusedContactFitsANewBatch()
    {
        var full = StagedRows.NewBatch();
        var id = 0;
        while (full.TryStage(null, NewMember(++id)))
        {
        }

        var next = StagedRows.NewBatch();
        Assert.True(next.TryStage(null, NewMember(id)));
        Assert.Equal(6, next.OperationCount);
    }

    [Fact]
    public void NoBuiltBatchExceedsTheLimit()
    {
        var batch = StagedRows.NewBatch();
        for (var id = 1; id <= 200; id++)
        {
            // Contacts in many groups use counters fast: each staged one still fits entirely.
            var contact = Stored(id, $"c{id}@example.com", id % 5, 10 + id % 7, 20 + id) with { Sms = $"+97254{id:D7}" };
            batch.TryStage(null, contact);
        }

        Assert.InRange(StagedRows.Of(batch).Actions.Count, 1, ContactBatch.MaxOperations);
        Assert.Equal(batch.OperationCount, StagedRows.Of(batch).Actions.Count);
    }

    [Fact]
    public void EmptyBatchBuildsNothing()
    {
        var batch = StagedRows.NewBatch();

        Assert.Equal(0, batch.OperationCount);
        Assert.Empty(batch.Build());
        Assert.Empty(batch.Revisions);
    }
}
