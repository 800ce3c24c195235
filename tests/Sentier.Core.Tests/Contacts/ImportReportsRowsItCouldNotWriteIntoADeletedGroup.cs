using Azure.Core;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// An import checks its group once, at the start. If the group is deleted while the import runs,
/// every transaction still to come fails as a whole on the group's join guard: those rows are not
/// written at all (no contact, no change record) and come back as failed rows naming the delete,
/// while the rows written before the delete stay created or updated (without the membership, which
/// the delete took out). The import's transaction is held until the delete has finished, so the
/// interleaving is fixed, not left to chance.
/// </summary>
public sealed class ImportReportsRowsItCouldNotWriteIntoADeletedGroup
{
    [Fact]
    public async Task RowsNotYetWrittenWhenTheGroupWasDeletedAreReportedAndNotWritten()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var existing = await h.UpsertAsync("""{"email":"row0@example.com","first_name":"Before"}""");
        var changesBefore = (await h.ReadRowsAsync(ContactKeys.ChangePrefix)).Count;
        var traffic = StorageTraffic.Create();
        var late = h.AnotherInstance(traffic.Tables);

        var held = traffic.HoldNext(RequestMethod.Post, "/$batch", afterAnswer: false);
        var import = late.ImportAsync(group.Id, Enumerable.Range(0, 10).Select(i => new { email = $"row{i}@example.com", first_name = "Imported" }));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await h.DeleteGroupAsync(group.Id);
        held.Release();
        var result = await import;

        Assert.Equal((0, 0), (result.Created, result.Updated));
        Assert.Equal(Enumerable.Range(0, 10), result.Failed.Select(failure => failure.Index));
        Assert.All(result.Failed, failure => Assert.Equal($"Group '{group.Id}' was deleted while this request ran.", failure.Message));
        Assert.Equal([existing.Id], (await h.ReadContactsAsync()).Select(contact => contact.Id));
        Assert.Equal("Before", (await h.GetAsync(existing.Id)).Fields["first_name"]);
        Assert.Equal(changesBefore, (await h.ReadRowsAsync(ContactKeys.ChangePrefix)).Count);
        await h.AssertConsistentAsync();
    }
}
