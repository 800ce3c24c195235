using Azure;
using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// A write too large to store is a 413 with a message, never a storage error (a 500): the batch
/// refuses a contact that could not fit before storage sees it, and storage's own size answers
/// (Azurite's, which follow the service's) are recognised as such rather than as a failed race.
/// </summary>
public sealed class TooLargeWritesAreRefusedNotFailed
{
    [Fact]
    public async Task AContactWriteTooLargeToStoreIsRefusedAndChangesNothing()
    {
        var h = await ContactHarness.CreateAsync();
        var contact = await h.UpsertAsync("""{"email":"dana@example.com"}""");
        var before = await h.SnapshotAsync();

        var refusal = await Assert.ThrowsAsync<RequestTooLargeException>(() => h.Writer.ModifyAsync(
            h.AccountId,
            ContactRef.ById(contact.Id),
            current => current with { Fields = new Dictionary<string, object> { ["ext1"] = new string('x', TransactionSize.MaxStringChars + 1) } },
            ContactHarness.Api,
            CancellationToken.None));

        Assert.Contains($"contact {contact.Id} is too large to store", refusal.Message);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task ATransactionOverFourMebibytesIsRecognised()
    {
        var h = await ContactHarness.CreateAsync();
        var rows = Enumerable.Range(0, 5).Select(i => Wide(h, $"big-{i}", 5)).ToList();

        Assert.True(ContactStore.IsTooLarge(await RefusalAsync(h, rows)));
    }

    [Fact]
    public async Task AStringOverThirtyTwoThousandCharactersIsRecognised()
    {
        var h = await ContactHarness.CreateAsync();

        Assert.True(ContactStore.IsTooLarge(await RefusalAsync(h, [Row(h, "long", new string('x', TransactionSize.MaxStringChars + 1))])));
    }

    [Fact]
    public async Task AnEntityOverOneMebibyteIsRecognised()
    {
        var h = await ContactHarness.CreateAsync();

        // Azurite checks an entity's size on single replaces and merges only (in a transaction, only the 4 MiB body).
        var refusal = await Assert.ThrowsAnyAsync<RequestFailedException>(() => h.Table.UpsertEntityAsync(Wide(h, "wide", 6), TableUpdateMode.Replace));

        Assert.Equal("EntityTooLarge", refusal.ErrorCode);
        Assert.True(ContactStore.IsTooLarge(refusal));
    }

    [Fact]
    public async Task AKeyConflictIsNotMistakenForSize()
    {
        var h = await ContactHarness.CreateAsync();
        await h.Table.AddEntityAsync(Row(h, "taken", "x"));

        Assert.False(ContactStore.IsTooLarge(await RefusalAsync(h, [Row(h, "taken", "x")])));
    }

    private static TableEntity Row(ContactHarness h, string rowKey, string text) => new(h.AccountId, rowKey) { ["Text"] = text };

    /// <summary>A row of <paramref name="properties"/> strings of 30,000 Hebrew characters: 180 KB each as the storage client encodes them.</summary>
    private static TableEntity Wide(ContactHarness h, string rowKey, int properties)
    {
        var row = Row(h, rowKey, "x");
        for (var i = 0; i < properties; i++)
        {
            row[$"p{i}"] = new string('ש', 30_000);
        }

        return row;
    }

    private static Task<RequestFailedException> RefusalAsync(ContactHarness h, IEnumerable<TableEntity> rows) =>
        Assert.ThrowsAnyAsync<RequestFailedException>(() =>
            h.Table.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row))));
}
