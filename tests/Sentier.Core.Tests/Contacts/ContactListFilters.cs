using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// The filters of <c>GET contacts</c> combine with paging: a page counts only matching contacts,
/// and a continuation walk returns each match once. An email or phone number as search term is
/// an index lookup, not a scan of the account.
/// </summary>
public sealed class ContactListFilters
{
    private const int Count = 75;

    [Theory]
    [InlineData("ACTIVE")]
    [InlineData("CUSTOMER_REQUEST")]
    [InlineData("INACTIVE")]
    [InlineData("ACTIVE,INACTIVE")]
    [InlineData("0")]
    public async Task CustomerStatesPageOverTheMatchingContactsOnly(string states)
    {
        var h = await SeedAsync();
        var query = Parse(h, [states], null, null, null);
        var expected = (await h.ReadContactsAsync()).Where(query.Matches).Select(contact => contact.Id).ToList();
        Assert.InRange(expected.Count, 6, Count - 1);

        var page2 = await h.Contacts.ListAsync(h.AccountId, query, ContactHarness.Page(2, 5), CancellationToken.None);

        Assert.Equal(expected.Skip(5).Take(5), page2.Items.Select(contact => contact.Id));
        Assert.Equal(expected, await WalkAsync(h, query, 4));
    }

    [Fact]
    public async Task ACreationWindowPagesOverTheContactsCreatedInIt()
    {
        var h = await SeedAsync();
        var from = ContactHarness.Start.AddHours(1);
        var to = ContactHarness.Start.AddHours(3);
        var query = Parse(h, [], null, ApiDates.Format(from), ApiDates.Format(to));
        var expected = (await h.ReadContactsAsync()).Where(contact => contact.Created >= from && contact.Created <= to).Select(contact => contact.Id).ToList();
        Assert.Equal(45, expected.Count);

        var page3 = await h.Contacts.ListAsync(h.AccountId, query, ContactHarness.Page(3, 10), CancellationToken.None);

        Assert.Equal(expected.Skip(20).Take(10), page3.Items.Select(contact => contact.Id));
        Assert.Equal(expected, await WalkAsync(h, query, 10));
    }

    [Fact]
    public async Task StatesAndAWindowTogetherMatchOnlyContactsPassingBoth()
    {
        var h = await SeedAsync();
        var query = Parse(h, ["CUSTOMER_REQUEST"], null, "2032-03-04T06:00:00", null);
        var expected = (await h.ReadContactsAsync())
            .Where(contact => contact.IsOptedOut && contact.Created >= ContactHarness.Start.AddHours(1)).Select(contact => contact.Id).ToList();
        Assert.NotEmpty(expected);

        Assert.Equal(expected, await WalkAsync(h, query, 3));
    }

    [Fact]
    public async Task FreeTextMatchesNamesAndPagesOverTheMatches()
    {
        var h = await SeedAsync();
        var query = Parse(h, [], "dan", null, null);
        var expected = (await h.ReadContactsAsync())
            .Where(contact => ((string)contact.Fields["first_name"]).Contains("dan", StringComparison.OrdinalIgnoreCase))
            .Select(contact => contact.Id).ToList();
        Assert.Equal(30, expected.Count);

        var page2 = await h.Contacts.ListAsync(h.AccountId, query, ContactHarness.Page(2, 7), CancellationToken.None);

        Assert.Equal(expected.Skip(7).Take(7), page2.Items.Select(contact => contact.Id));
        Assert.Equal(expected, await WalkAsync(h, query, 7));
    }

    [Fact]
    public async Task FreeTextCombinesWithCustomerStates()
    {
        var h = await SeedAsync();
        var query = Parse(h, ["ACTIVE"], "DANIEL", null, null);
        var expected = (await h.ReadContactsAsync())
            .Where(contact => contact.IsActive && (string)contact.Fields["first_name"] == "Daniel").Select(contact => contact.Id).ToList();
        Assert.NotEmpty(expected);

        Assert.Equal(expected, await WalkAsync(h, query, 4));
    }

    [Theory]
    [InlineData("Page40@Example.com", "page40@example.com")]
    [InlineData("054-7000040", "page40@example.com")]
    [InlineData("+972 54 700 0040", "page40@example.com")]
    public async Task AnEmailOrNumberSearchReadsTheIndexInsteadOfScanning(string term, string email)
    {
        var h = await SeedAsync();
        var traffic = StorageTraffic.Create();
        var other = h.AnotherInstance(traffic.Tables);
        var query = Parse(h, [], term, null, null);

        var found = await other.Contacts.ListAsync(h.AccountId, query, ContactHarness.Page(1, 20), CancellationToken.None);
        var page2 = await other.Contacts.ListAsync(h.AccountId, query, ContactHarness.Page(2, 20), CancellationToken.None);

        Assert.Equal(email, Assert.Single(found.Items).Email);
        Assert.Null(found.Continuation);
        Assert.Empty(page2.Items);
        Assert.Equal(0, traffic.Answered(RequestMethod.Get, "/Contacts()"));
    }

    [Fact]
    public async Task AnEmailSearchStillAppliesTheOtherFilters()
    {
        var h = await SeedAsync();
        var unsubscribed = (await h.ReadContactsAsync()).First(contact => contact.IsOptedOut);

        var asActive = await h.Contacts.ListAsync(h.AccountId, Parse(h, ["ACTIVE"], unsubscribed.Email, null, null), ContactHarness.Page(1, 20), CancellationToken.None);
        var asOptedOut = await h.Contacts.ListAsync(h.AccountId, Parse(h, ["CUSTOMER_REQUEST"], unsubscribed.Email, null, null), ContactHarness.Page(1, 20), CancellationToken.None);
        var unknown = await h.Contacts.ListAsync(h.AccountId, Parse(h, [], "nobody@example.com", null, null), ContactHarness.Page(1, 20), CancellationToken.None);

        Assert.Empty(asActive.Items);
        Assert.Equal(unsubscribed.Id, Assert.Single(asOptedOut.Items).Id);
        Assert.Empty(unknown.Items);
    }

    /// <summary>
    /// 75 contacts created over five hours (15 an hour), with names to search for, a third
    /// unsubscribed, some do-not-mail and some pending.
    /// </summary>
    private static async Task<ContactHarness> SeedAsync()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var names = new[] { "Dana", "Daniel", "Ruth", "Yossi", "Avi" };
        for (var hour = 0; hour < 5; hour++)
        {
            var result = await h.ImportAsync(group.Id, Enumerable.Range(hour * 15, 15).Select(i => new
            {
                email = $"page{i:D2}@example.com",
                sms = $"054-70000{i:D2}",
                first_name = names[i % names.Length],
                status = i % 3 == 0 ? "Unsubscribed" : i % 7 == 1 ? "Pending" : null,
                is_do_not_mail = i % 10 == 4 ? true : (bool?)null,
            }));
            Assert.Equal(15, result.Created);
            h.Time.Advance(TimeSpan.FromHours(1));
        }

        return h;
    }

    private static ContactQuery Parse(ContactHarness h, string[] states, string? term, string? from, string? to) =>
        ContactQuery.Parse(states, term, from, to, h.Phones);

    private static async Task<List<long>> WalkAsync(ContactHarness h, ContactQuery query, int limit)
    {
        var ids = new List<long>();
        var page = ContactHarness.Page(1, limit);
        while (true)
        {
            var result = await h.Contacts.ListAsync(h.AccountId, query, page, CancellationToken.None);
            Assert.InRange(result.Items.Count, 0, limit);
            ids.AddRange(result.Items.Select(contact => contact.Id));
            if (result.Continuation is null)
            {
                return ids;
            }

            page = new PageRequest(1, limit, ContinuationToken.Decode(result.Continuation));
        }
    }
}
