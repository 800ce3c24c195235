using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// A transaction also holds at most 4 MiB, and its change record at most
/// <see cref="ChangeRecord.MaxJsonBytes"/>: large contacts fill a batch by bytes long before they
/// fill it by operations, and a contact that would not fit is left for the next batch, never half-staged.
/// </summary>
public sealed class ContactBatchByteCapacity
{
    [Fact]
    public void LargeContactsFillABatchByBytesAndTheNextOneIsRefused()
    {
        var batch = StagedRows.NewBatch();
        var staged = 0;
        while (batch.TryStage(null, LargestContacts.Contact(staged, 1000 + staged, [7])))
        {
            staged++;
        }

        // About 230 KB each as the storage client encodes them, and about 80 KB again in the change
        // record, which holds at most 660 KB: 8 fit where 32 would by operations.
        Assert.InRange(staged, 7, 10);
        Assert.InRange(batch.PayloadBytes, 2_000_000, TransactionSize.PayloadBudget);
        var before = (batch.OperationCount, batch.PayloadBytes);
        Assert.False(batch.TryStage(null, LargestContacts.Contact(99, 2000, [7])));
        Assert.Equal(before, (batch.OperationCount, batch.PayloadBytes));
        Assert.Equal(staged, StagedRows.Of(batch).WithPrefix(ContactKeys.ContactPrefix).Count);
        Assert.Equal(batch.OperationCount, StagedRows.Of(batch).Actions.Count);
    }

    [Fact]
    public void PackingSplitsLargeContactsOverAsManyBatchesAsTheirBytesNeed()
    {
        var transitions = Enumerable.Range(0, 32).Select(n => ((Contact?)null, (Contact?)LargestContacts.Contact(n, 1000 + n, [7]))).ToList();

        var batches = ContactBatch.Pack(transitions, StagedRows.NewBatch);

        Assert.Equal(32, batches.Sum(batch => batch.Count));
        Assert.InRange(batches.Count, 4, 5);
        Assert.All(batches, batch => Assert.InRange(batch.Batch.PayloadBytes, 1, TransactionSize.PayloadBudget));
        Assert.Equal(
            Enumerable.Range(0, 32).Select(n => 1000L + n),
            batches.SelectMany(batch => StagedRows.Of(batch.Batch).WithPrefix(ContactKeys.ContactPrefix)).Select(row => ContactKeys.ContactIdOf(row.Entity.RowKey)));
    }

    [Fact]
    public void OrdinaryContactsAreStillLimitedByOperationsOnly()
    {
        var batches = ContactBatch.Pack(
            Enumerable.Range(1, 64).Select(id => ((Contact?)null, (Contact?)(ContactSamples.Stored(id, $"member{id}@example.com", 7) with { Created = ContactSamples.Now }))),
            StagedRows.NewBatch);

        Assert.Equal([32, 32], batches.Select(batch => batch.Count));
        Assert.All(batches, batch => Assert.InRange(batch.Batch.PayloadBytes, 1, 200_000));
    }

    [Fact]
    public void AContactThatCouldNeverFitIsRefusedAsTooLarge()
    {
        var huge = ContactSamples.Stored(5, "huge@example.com") with
        {
            Fields = new Dictionary<string, object> { ["ext1"] = new string('x', TransactionSize.MaxStringChars + 1) },
        };

        var batch = StagedRows.NewBatch();
        var refusal = Assert.Throws<Sentier.Core.Common.RequestTooLargeException>(() => batch.Stage(null, huge));

        Assert.Contains("contact 5 is too large to store", refusal.Message);
        Assert.Equal(0, batch.OperationCount);
    }
}
