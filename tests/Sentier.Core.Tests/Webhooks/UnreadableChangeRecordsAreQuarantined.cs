using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// A change record the dispatcher cannot read or turn into events, whatever the exception, is moved
/// aside to its <c>q-</c> key as it was (with the tombstone retiring leaves), so it holds back
/// neither the records after it nor the account's mark; the other records are dispatched.
/// </summary>
public sealed class UnreadableChangeRecordsAreQuarantined
{
    [Fact]
    public async Task MalformedRecordsAreMovedAsideAndTheRestDispatched()
    {
        var h = await DispatchHarness.CreateAsync();
        var (subscription, _) = await h.SubscribeAsync(LoopbackReceiver.ClosedUrl(), "contact_created");
        for (var i = 0; i < 3; i++)
        {
            await h.Contacts.UpsertAsync($$"""{"email":"q{{i}}@example.com"}""");
        }

        var records = await h.RecordsAsync();
        var wrongType = new TableEntity(records[0]) { ["Source"] = 5 };
        await h.Contacts.Table.UpdateEntityAsync(wrongType, Azure.ETag.All, TableUpdateMode.Replace);
        var nullContact = new TableEntity(records[1]);
        var revisions = JsonNode.Parse(BinaryParts.Read(nullContact, "Revisions"))!.AsArray();
        revisions[0]!["contact"] = null;
        BinaryParts.Write(nullContact, "Revisions", System.Text.Encoding.UTF8.GetBytes(revisions.ToJsonString()));
        await h.Contacts.Table.UpdateEntityAsync(nullContact, Azure.ETag.All, TableUpdateMode.Replace);

        Assert.Equal(1, await h.Dispatcher.PassAsync(h.AccountId, null, CancellationToken.None));

        Assert.Empty(await h.RecordsAsync());
        Assert.Single(await h.DeliveriesOfAsync(subscription));
        Assert.Equal(3, (await h.TombstonesAsync()).Count);
        var quarantined = await h.Contacts.ReadRowsAsync(ContactKeys.QuarantinedPrefix);
        Assert.Equal([ContactKeys.Quarantined(records[0].RowKey), ContactKeys.Quarantined(records[1].RowKey)], quarantined.Select(row => row.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal(5, quarantined.Single(row => row.RowKey == ContactKeys.Quarantined(records[0].RowKey)).GetInt32("Source"));
        Assert.Equal(0, await h.Dispatcher.PassAsync(h.AccountId, null, CancellationToken.None));
    }
}
