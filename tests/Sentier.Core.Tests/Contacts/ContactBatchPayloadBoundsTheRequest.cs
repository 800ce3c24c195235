using Azure.Core;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// What a batch counts in bytes is at least the body the storage client really sends (measured on
/// the wire to Azurite), for inserts, replaces with ETags and deletes whose Hebrew keys travel
/// percent-encoded in the URL; and close to it for large contacts, so packing by bytes wastes little room.
/// </summary>
public sealed class ContactBatchPayloadBoundsTheRequest
{
    [Fact]
    public async Task EveryTransactionBodyIsWithinTheBatchBound()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var traffic = StorageTraffic.Create();
        var store = new ContactStore(traffic.Tables, UndispatchedChanges.Instance);
        var bounds = new List<long>();
        ContactBatch NewBatch() => new(h.AccountId, ChangeSource.Import, "test-app", ContactHarness.Start);

        async Task SubmitAsync(IEnumerable<(Contact? Before, Contact? After)> transitions)
        {
            foreach (var (batch, _) in ContactBatch.Pack(transitions, NewBatch))
            {
                Assert.True(await store.TrySubmitAsync(batch, CancellationToken.None));
                bounds.Add(batch.PayloadBytes);
            }
        }

        await SubmitAsync(Enumerable.Range(0, 20).Select(n => ((Contact?)null, (Contact?)LargestContacts.Contact(n, 100 + n, [group.Id]))));
        var largeBatches = bounds.Count;
        var awkward = Enumerable.Range(0, 40).Select(n => ContactSamples.Stored(500 + n, $"o'brien+{n}@example.com", group.Id) with
        {
            Sms = $"+97252{n:D7}",
            Created = ContactHarness.Start,
            Fields = new Dictionary<string, object> { ["first_name"] = "<Ann & \"Bo\"> `x` \\ 😀", ["num1"] = double.MinValue, ["date1"] = DateTimeOffset.MaxValue },
        });
        await SubmitAsync(awkward.Select(contact => ((Contact?)null, (Contact?)contact)));

        // Read back with their ETags: replace every contact with a new (Hebrew) email and opt it out, then delete them all.
        var stored = await h.ReadContactsAsync();
        await SubmitAsync(stored.Select(contact => ((Contact?)contact, (Contact?)(contact with
        {
            Email = LargestContacts.Email((int)contact.Id + 1000),
            Status = SubscriptionStatus.Unsubscribed,
            UnsubscribedAt = ContactHarness.Start,
            UnsubscribeSource = ChangeSource.Import,
        }))));
        await SubmitAsync((await h.ReadContactsAsync()).Select(contact => ((Contact?)contact, (Contact?)null)));

        var bodies = traffic.BodyBytes(RequestMethod.Post, "/$batch");
        Assert.Equal(bounds.Count, bodies.Count);
        Assert.All(bounds.Zip(bodies), pair => Assert.InRange(pair.Second, 1, pair.First));
        Assert.All(bounds.Zip(bodies).Take(largeBatches), pair => Assert.InRange(pair.Second, pair.First * 9 / 10, TransactionSize.PayloadBudget));
        Assert.Empty(await h.ReadContactsAsync());
    }
}
