using System.Text.Json;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// A change record whose JSON outgrows a property's 64 KiB is cut into parts (<c>Changes</c>,
/// <c>Changes2</c>…); <see cref="ChangeRecord.FromEntity"/> reads any record back whole, from the
/// built row or from storage. A small record keeps the single <c>Changes</c> property.
/// </summary>
public sealed class ChangeRecordsSplitIntoParts
{
    private static readonly ChangeRecord Large = new(
        ChangeSource.Import,
        "app-1",
        ContactSamples.Now,
        Enumerable.Range(1, 100).SelectMany(id => new[]
        {
            new ContactChange(ContactChangeKind.Created, id, LargestContacts.Email(id)),
            new ContactChange(ContactChangeKind.AddedToGroup, id, LargestContacts.Email(id), 7),
        }).ToList());

    [Fact]
    public void ALargeRecordIsCutIntoPartsUnderThePropertyLimit()
    {
        var row = Large.ToEntity(StagedRows.Account, ContactKeys.Change(ContactSamples.Now));

        var parts = row.Where(property => property.Key.StartsWith("Changes", StringComparison.Ordinal)).ToList();
        Assert.InRange(parts.Count, 4, 9);
        Assert.Equal(["Changes", .. Enumerable.Range(2, parts.Count - 1).Select(part => $"Changes{part}")], parts.Select(part => part.Key).Order(StringComparer.Ordinal).OrderBy(name => name.Length));
        Assert.All(parts, part => Assert.InRange(((byte[])part.Value).Length, 1, BinaryParts.PartBytes));
        Assert.Equivalent(Large, ChangeRecord.FromEntity(row), strict: true);
    }

    [Fact]
    public void ASmallRecordIsOneChangesProperty()
    {
        var small = new ChangeRecord(ChangeSource.Api, null, ContactSamples.Now, [new ContactChange(ContactChangeKind.Deleted, 3, "a@example.com")]);

        var row = small.ToEntity(StagedRows.Account, ContactKeys.Change(ContactSamples.Now));

        Assert.Single(row.Keys, key => key.StartsWith("Changes", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(row.GetBinary("Changes"));
        Assert.Equal("Deleted", document.RootElement[0].GetProperty("kind").GetString());
        Assert.Equivalent(small, ChangeRecord.FromEntity(row), strict: true);
    }

    [Fact]
    public void TheBoundOfEachChangeCoversItsJson()
    {
        var changes = Large.Changes.Concat([new ContactChange(ContactChangeKind.RemovedFromGroup, long.MaxValue, null, long.MaxValue)]).ToList();
        var record = Large with { Changes = changes };

        var written = record.ToEntity(StagedRows.Account, ContactKeys.Change(ContactSamples.Now))
            .Where(property => property.Key.StartsWith("Changes", StringComparison.Ordinal))
            .Sum(part => ((byte[])part.Value).Length);

        Assert.InRange(written, 1, 2 + changes.Sum(ChangeRecord.JsonBytesBound));
    }

    [Fact]
    public async Task ARecordOfManyPartsIsReadBackWholeFromStorage()
    {
        var h = await ContactHarness.CreateAsync();
        var row = Large.ToEntity(h.AccountId, ContactKeys.Change(ContactSamples.Now));

        await h.Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, row)]);

        var stored = Assert.Single(await h.ReadRowsAsync(ContactKeys.ChangePrefix));
        Assert.Equivalent(Large, ChangeRecord.FromEntity(stored), strict: true);
    }
}
