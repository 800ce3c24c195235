using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Many requests that upsert one new email at the same moment race to create it. The email's index
/// row is added in the same transaction as the contact, so only one create can commit; every other
/// request must find that contact and update it, never make a second one.
/// </summary>
public sealed class ConcurrentUpsertsCreateOneContact
{
    private const int Requests = 40;

    [Fact]
    public async Task FortyParallelUpsertsOfOneNewEmailAllReturnTheSameSingleContact()
    {
        var h = await ContactHarness.CreateAsync();
        var firstNames = new[] { "Ada", "Grace", "Edsger", "Barbara" };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Some requests carry a different name, so losers do have something to write on their retry.
        var requests = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await h.Contacts.UpsertAsync(
                h.AccountId, ContactHarness.Json($$"""{"email":"Race@Example.com","first_name":"{{firstNames[i % firstNames.Length]}}"}"""), ContactHarness.Api, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(requests);

        var id = results[0].Contact.Id;
        Assert.All(results, result => Assert.Equal(id, result.Contact.Id));
        Assert.Single(results, result => result.Outcome == UpsertOutcome.Created);

        var contact = Assert.Single(await h.ReadContactsAsync());
        Assert.Equal(id, contact.Id);
        Assert.Equal("race@example.com", contact.Email);
        Assert.Contains(contact.Fields["first_name"], firstNames);
        var index = Assert.Single(await h.ReadRowsAsync(ContactKeys.EmailPrefix));
        Assert.Equal(ContactKeys.Email("race@example.com"), index.RowKey);
        Assert.Equal(id, index.GetInt64("ContactId"));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ParallelUpsertsOfOneNewNumberCreateOneContactWithOneSmsIndex()
    {
        var h = await ContactHarness.CreateAsync();
        var spellings = new[] { "054-1234567", "+972 54 123 4567", "972541234567", "0541234567" };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            h.Contacts.UpsertAsync(h.AccountId, ContactHarness.Json($$"""{"sms":"{{spellings[i % spellings.Length]}}"}"""), ContactHarness.Api, CancellationToken.None))));

        Assert.Single(results.Select(result => result.Contact.Id).Distinct());
        Assert.Single(results, result => result.Outcome == UpsertOutcome.Created);
        Assert.Equal("+972541234567", Assert.Single(await h.ReadContactsAsync()).Sms);
        Assert.Single(await h.ReadRowsAsync(ContactKeys.SmsPrefix));
        await h.AssertConsistentAsync();
    }
}
