using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// <c>GET contacts</c> pages in contact id order: a deep <c>Page</c> lands on exactly the rows a
/// client counting from the start expects, and a continuation walks every contact exactly once,
/// even though the partition interleaves contacts with index, group and change rows.
/// </summary>
public sealed class ContactListPaging
{
    private const int Count = 75;

    [Fact]
    public async Task PageSevenOfTenHoldsTheSixtyFirstToSeventiethContact()
    {
        var (h, ids) = await SeedAsync();

        var page7 = await ListAsync(h, ContactHarness.Page(7, 10));
        var page8 = await ListAsync(h, ContactHarness.Page(8, 10));
        var page9 = await ListAsync(h, ContactHarness.Page(9, 10));

        Assert.Equal(ids.Skip(60).Take(10), page7.Items.Select(contact => contact.Id));
        Assert.NotNull(page7.Continuation);
        Assert.Equal(ids.Skip(70), page8.Items.Select(contact => contact.Id));
        Assert.Null(page8.Continuation);
        Assert.Empty(page9.Items);
        Assert.Null(page9.Continuation);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(25)]
    [InlineData(100)]
    public async Task AContinuationWalkReturnsEveryContactOnceInIdOrder(int limit)
    {
        var (h, ids) = await SeedAsync();

        var walked = new List<long>();
        var page = ContactHarness.Page(1, limit);
        var pages = 0;
        while (true)
        {
            var result = await ListAsync(h, page);
            walked.AddRange(result.Items.Select(contact => contact.Id));
            pages++;
            if (result.Continuation is null)
            {
                break;
            }

            page = new PageRequest(1, limit, ContinuationToken.Decode(result.Continuation));
        }

        Assert.Equal(ids, walked);
        Assert.Equal((Count + limit - 1) / limit, pages);
    }

    [Fact]
    public async Task AContinuationFromADeepPageGoesOnFromItsLastContact()
    {
        var (h, ids) = await SeedAsync();

        var page3 = await ListAsync(h, ContactHarness.Page(3, 20));
        var next = await ListAsync(h, new PageRequest(1, 20, ContinuationToken.Decode(page3.Continuation!)));

        Assert.Equal(ids.Skip(60), next.Items.Select(contact => contact.Id));
        Assert.Null(next.Continuation);
    }

    [Fact]
    public async Task ContactsDeletedBetweenPagesAreSkippedWithoutRepeatingOthers()
    {
        var (h, ids) = await SeedAsync();

        var first = await ListAsync(h, ContactHarness.Page(1, 30));
        foreach (var id in ids.Skip(25).Take(10))
        {
            await h.Contacts.DeleteAsync(h.AccountId, ContactHarness.Id(id), ContactHarness.Api, CancellationToken.None);
        }

        var second = await ListAsync(h, new PageRequest(1, 30, ContinuationToken.Decode(first.Continuation!)));

        Assert.Equal(ids.Skip(35).Take(30), second.Items.Select(contact => contact.Id));
    }

    /// <summary>An account of 75 contacts with emails, numbers, groups and unsubscribes, so every kind of row sits between them.</summary>
    private static async Task<(ContactHarness H, List<long> Ids)> SeedAsync()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var result = await h.ImportAsync(group.Id, Enumerable.Range(0, Count).Select(i => new
        {
            email = $"page{i:D2}@example.com",
            sms = i % 2 == 0 ? $"054-70000{i:D2}" : null,
            status = i % 4 == 0 ? "Unsubscribed" : null,
        }));
        Assert.Equal(Count, result.Created);
        var ids = (await h.ReadContactsAsync()).Select(contact => contact.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        return (h, ids);
    }

    private static Task<ItemPage<Contact>> ListAsync(ContactHarness h, PageRequest page) =>
        h.Contacts.ListAsync(h.AccountId, ContactQuery.Empty, page, CancellationToken.None);
}
