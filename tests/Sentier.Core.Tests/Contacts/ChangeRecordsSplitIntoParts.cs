using System.Text;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// A change record whose revisions outgrow a property's 64 KiB is cut into parts (<c>Revisions</c>,
/// <c>Revisions2</c>…); <see cref="ChangeRecord.FromEntity"/> reads any record back whole, from the
/// built row or from storage. A small record keeps the single <c>Revisions</c> property, and a
/// record written before revisions existed reads as one without any.
/// </summary>
public sealed class ChangeRecordsSplitIntoParts
{
    private static readonly ChangeRecord Large = RecordOf(
        Enumerable.Range(1, 5).Select(n => StagedRows.Of(null, LargestContacts.Contact(n, n, [7]) with { Created = ContactSamples.Now }).Revisions()[0]).ToList());

    [Fact]
    public void ALargeRecordIsCutIntoPartsUnderThePropertyLimit()
    {
        var row = Large.ToEntity(StagedRows.Account, ContactKeys.Change(ContactSamples.Now));

        var parts = row.Where(property => property.Key.StartsWith("Revisions", StringComparison.Ordinal)).ToList();
        Assert.InRange(parts.Count, 3, 11);
        Assert.Equal(["Revisions", .. Enumerable.Range(2, parts.Count - 1).Select(part => $"Revisions{part}")], parts.Select(part => part.Key).Order(StringComparer.Ordinal).OrderBy(name => name.Length));
        Assert.All(parts, part => Assert.InRange(((byte[])part.Value).Length, 1, BinaryParts.PartBytes));
        AssertSame(Large, ChangeRecord.FromEntity(row));
    }

    [Fact]
    public void ASmallRecordIsOneRevisionsProperty()
    {
        var small = RecordOf(StagedRows.Of(ContactSamples.Stored(3), null).Revisions());

        var row = small.ToEntity(StagedRows.Account, ContactKeys.Change(ContactSamples.Now));

        Assert.Single(row.Keys, key => key.StartsWith("Revisions", StringComparison.Ordinal));
        Assert.Contains("\"kind\":\"Deleted\"", Encoding.UTF8.GetString(row.GetBinary("Revisions")), StringComparison.Ordinal);
        AssertSame(small, ChangeRecord.FromEntity(row));
    }

    [Fact]
    public void TheRowHoldsExactlyTheBytesTheBatchCounted()
    {
        var written = Large.ToEntity(StagedRows.Account, ContactKeys.Change(ContactSamples.Now))
            .Where(property => property.Key.StartsWith("Revisions", StringComparison.Ordinal))
            .Sum(part => ((byte[])part.Value).Length);

        Assert.Equal(ChangeRecord.ArrayBytes(Large.Revisions.Sum(revision => (long)ChangeRecord.Serialize(revision).Length), Large.Revisions.Count), written);
    }

    [Fact]
    public void ARecordFromBeforeRevisionsReadsAsOneWithout()
    {
        var legacy = new TableEntity(StagedRows.Account, ContactKeys.Change(ContactSamples.Now))
        {
            ["Source"] = "api",
            ["At"] = ContactSamples.Now,
            ["Changes"] = """[{"kind":"Created","contact_id":1,"email":"a@example.com","group_id":null}]"""u8.ToArray(),
        };

        var record = ChangeRecord.FromEntity(legacy);

        Assert.Empty(record.Revisions);
        Assert.Equal((ChangeSource.Api, ContactSamples.Now), (record.Source, record.At));
    }

    [Fact]
    public async Task ARecordOfManyPartsIsReadBackWholeFromStorage()
    {
        var h = await ContactHarness.CreateAsync();
        var row = Large.ToEntity(h.AccountId, ContactKeys.Change(ContactSamples.Now));

        await h.Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, row)]);

        var stored = Assert.Single(await h.ReadRowsAsync(ContactKeys.ChangePrefix));
        AssertSame(Large, ChangeRecord.FromEntity(stored));
    }

    private static ChangeRecord RecordOf(IReadOnlyList<ContactRevision> revisions) => new(ChangeSource.Import, "app-1", ContactSamples.Now, revisions);

    /// <summary>Revisions hold JSON nodes, so they are compared by what the record stores of them.</summary>
    private static void AssertSame(ChangeRecord expected, ChangeRecord actual)
    {
        Assert.Equal((expected.Source, expected.AppId, expected.At), (actual.Source, actual.AppId, actual.At));
        Assert.Equal(expected.Revisions.Select(ChangeRecord.Serialize), actual.Revisions.Select(ChangeRecord.Serialize));
    }
}
