using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// <c>GET contacts/unsubscribers</c> lists contacts in the order they stopped receiving email,
/// from the unsubscribe index: a date window selects by when they stopped (not when they were
/// created or by id), paging follows that order, and a contact who resubscribes leaves the list.
/// </summary>
public sealed class UnsubscribersWindow
{
    [Fact]
    public async Task UnsubscribersComeInTheOrderTheyStoppedWithinTheWindow()
    {
        var (h, stopped) = await SeedAsync();

        var all = await ListAsync(h, null, null, ContactHarness.Page(1, 100));
        var window = await ListAsync(h, ApiDates.Format(stopped[3].At), ApiDates.Format(stopped[8].At), ContactHarness.Page(1, 100));

        Assert.Equal(stopped.Select(s => s.Id), all.Items.Select(contact => contact.Id));
        Assert.Equal(stopped.Skip(3).Take(6).Select(s => s.Id), window.Items.Select(contact => contact.Id));
    }

    [Fact]
    public async Task UnsubscribersPageInTheOrderTheyStopped()
    {
        var (h, stopped) = await SeedAsync();

        var page2 = await ListAsync(h, null, null, ContactHarness.Page(2, 4));
        var walked = new List<long>();
        var page = ContactHarness.Page(1, 5);
        while (true)
        {
            var result = await ListAsync(h, null, null, page);
            walked.AddRange(result.Items.Select(contact => contact.Id));
            if (result.Continuation is null)
            {
                break;
            }

            page = new PageRequest(1, 5, ContinuationToken.Decode(result.Continuation));
        }

        Assert.Equal(stopped.Skip(4).Take(4).Select(s => s.Id), page2.Items.Select(contact => contact.Id));
        Assert.Equal(stopped.Select(s => s.Id), walked);
    }

    [Fact]
    public async Task AResubscribedContactLeavesTheListAndUnsubscribingAgainPutsItLast()
    {
        var (h, stopped) = await SeedAsync();
        var comeback = stopped[3].Id;
        var cleared = stopped[4].Id;

        await h.UpdateAsync(comeback, """{"status":"Subscribed"}""");
        await h.UpdateAsync(cleared, """{"is_do_not_mail":false}""");
        var afterResubscribe = await ListAsync(h, null, null, ContactHarness.Page(1, 100));
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await h.UpdateAsync(comeback, """{"status":"Unsubscribed"}""");
        var afterAgain = await ListAsync(h, null, null, ContactHarness.Page(1, 100));
        var lastWindow = await ListAsync(h, ApiDates.Format(h.Time.GetUtcNow()), null, ContactHarness.Page(1, 100));

        var remaining = stopped.Select(s => s.Id).Where(id => id != comeback && id != cleared).ToList();
        Assert.Equal(remaining, afterResubscribe.Items.Select(contact => contact.Id));
        Assert.Equal([.. remaining, comeback], afterAgain.Items.Select(contact => contact.Id));
        Assert.Equal(comeback, Assert.Single(lastWindow.Items).Id);
        await h.AssertConsistentAsync();
    }

    /// <summary>
    /// Twenty contacts; twelve of them stop receiving email one minute apart in an order unlike
    /// their ids, some by status and some by the do-not-mail flag.
    /// </summary>
    private static async Task<(ContactHarness H, List<(long Id, DateTimeOffset At)> Stopped)> SeedAsync()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.ImportAsync(group.Id, Enumerable.Range(0, 20).Select(i => new { email = $"reader{i:D2}@example.com" }));
        var contacts = await h.ReadContactsAsync();
        var stopped = new List<(long, DateTimeOffset)>();
        foreach (var index in new[] { 17, 3, 11, 0, 19, 8, 5, 14, 1, 12, 9, 6 })
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));
            var id = contacts[index].Id;
            await h.UpdateAsync(id, index % 2 == 0 ? """{"status":"Unsubscribed"}""" : """{"is_do_not_mail":true}""");
            stopped.Add((id, h.Time.GetUtcNow()));
        }

        return (h, stopped);
    }

    private static Task<ItemPage<Contact>> ListAsync(ContactHarness h, string? from, string? to, PageRequest page) =>
        h.Contacts.UnsubscribersAsync(h.AccountId, from, to, page, CancellationToken.None);
}
