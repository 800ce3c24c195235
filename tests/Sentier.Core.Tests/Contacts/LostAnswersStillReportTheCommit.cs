using Azure.Core;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// When the answer to a committed transaction is lost on the way back, the storage client sends
/// the transaction again, and the repeat fails (the keys it inserts exist, the ETags it checks
/// moved, the rows it deletes are gone). The data is right either way; the caller must still hear
/// what its own transaction did, not "someone else got there first".
/// </summary>
public sealed class LostAnswersStillReportTheCommit
{
    [Fact]
    public async Task ACreateWhoseAnswerWasLostIsReportedAsCreated()
    {
        var h = await ContactHarness.CreateAsync();
        var instance = LosingTheNextCommitAnswer(h);

        var result = await instance.Contacts.UpsertAsync(h.AccountId, ContactHarness.Json("""{"email":"new@example.com"}"""), ContactHarness.Api, CancellationToken.None);

        Assert.Equal(UpsertOutcome.Created, result.Outcome);
        Assert.Single(await h.ReadContactsAsync());
        Assert.Single(await h.ReadRowsAsync(ContactKeys.ChangePrefix));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ADeleteWhoseAnswerWasLostIsReportedAsDone()
    {
        var h = await ContactHarness.CreateAsync();
        var contact = await h.UpsertAsync("""{"email":"gone@example.com"}""");
        var instance = LosingTheNextCommitAnswer(h);

        await instance.Contacts.DeleteAsync(h.AccountId, ContactHarness.Id(contact.Id), ContactHarness.Api, CancellationToken.None);

        Assert.Empty(await h.ReadContactsAsync());
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task AnImportWhoseAnswerWasLostCountsItsRowsAsCreated()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var instance = LosingTheNextCommitAnswer(h);

        var result = await instance.ImportAsync(group.Id, Enumerable.Range(0, 5).Select(i => new { email = $"row{i}@example.com" }));

        Assert.Equal((5, 0), (result.Created, result.Updated));
        Assert.Equal(5, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task AGroupCreateWhoseAnswerWasLostIsReportedAsCreated()
    {
        var h = await ContactHarness.CreateAsync();
        var instance = LosingTheNextCommitAnswer(h);

        var group = await instance.NewGroupAsync("Lost answer");

        var stored = await h.GetGroupAsync(group.Id);
        Assert.Equal(("Lost answer", 0L), (stored.Name, stored.Counter));
        Assert.Single(await h.ReadRowsAsync(ContactKeys.JoinGuard(group.Id)));
    }

    /// <summary>Another instance whose next transaction commits but whose answer is lost once.</summary>
    private static ContactHarness LosingTheNextCommitAnswer(ContactHarness h)
    {
        var traffic = StorageTraffic.Create();
        traffic.LoseNextAnswer(RequestMethod.Post, "/$batch");
        return h.AnotherInstance(traffic.Tables);
    }
}
