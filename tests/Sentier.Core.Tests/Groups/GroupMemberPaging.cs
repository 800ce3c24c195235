using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Contacts;

namespace Sentier.Core.Tests.Groups;

/// <summary>
/// <c>GET groups/{id}/members</c> pages over the group's member rows in contact id order: contacts
/// outside the group and members of other groups never fill a page, deep pages land where a
/// client counting from the start expects, and filters page over matching members only.
/// </summary>
public sealed class GroupMemberPaging
{
    private const int Members = 75;

    [Fact]
    public async Task PageSevenOfTenHoldsTheSixtyFirstToSeventiethMember()
    {
        var (h, group, members) = await SeedAsync();

        var page7 = await ListAsync(h, group, ContactQuery.Empty, ContactHarness.Page(7, 10));
        var page8 = await ListAsync(h, group, ContactQuery.Empty, ContactHarness.Page(8, 10));
        var page9 = await ListAsync(h, group, ContactQuery.Empty, ContactHarness.Page(9, 10));

        Assert.Equal(members.Skip(60).Take(10).Select(contact => contact.Id), page7.Items.Select(contact => contact.Id));
        Assert.NotNull(page7.Continuation);
        Assert.Equal(members.Skip(70).Select(contact => contact.Id), page8.Items.Select(contact => contact.Id));
        Assert.Null(page8.Continuation);
        Assert.Empty(page9.Items);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(20)]
    [InlineData(100)]
    public async Task AContinuationWalkReturnsEveryMemberOnceInIdOrder(int limit)
    {
        var (h, group, members) = await SeedAsync();

        Assert.Equal(members.Select(contact => contact.Id), await WalkAsync(h, group, ContactQuery.Empty, limit));
    }

    [Fact]
    public async Task CustomerStatesPageOverTheMatchingMembersOnly()
    {
        var (h, group, members) = await SeedAsync();
        var query = ContactQuery.Parse(["CUSTOMER_REQUEST"], null, null, null, h.Phones);
        var expected = members.Where(contact => contact.IsOptedOut).Select(contact => contact.Id).ToList();
        Assert.InRange(expected.Count, 15, Members - 1);

        var page2 = await ListAsync(h, group, query, ContactHarness.Page(2, 6));

        Assert.Equal(expected.Skip(6).Take(6), page2.Items.Select(contact => contact.Id));
        Assert.Equal(expected, await WalkAsync(h, group, query, 6));
    }

    [Fact]
    public async Task FreeTextAndACreationWindowPageOverTheMatchingMembersOnly()
    {
        var (h, group, members) = await SeedAsync();
        var from = ContactHarness.Start.AddHours(1);
        var query = ContactQuery.Parse([], "Noa", ApiDates.Format(from), null, h.Phones);
        var expected = members.Where(contact => (string)contact.Fields["first_name"] == "Noa" && contact.Created >= from).Select(contact => contact.Id).ToList();
        Assert.NotEmpty(expected);

        Assert.Equal(expected, await WalkAsync(h, group, query, 5));
    }

    [Fact]
    public async Task AnEmailSearchFindsAMemberButNotAContactOutsideTheGroup()
    {
        var (h, group, members) = await SeedAsync();
        var outsider = (await h.ReadContactsAsync()).First(contact => !contact.GroupIds.Contains(group));

        var member = await ListAsync(h, group, ContactQuery.Parse([], members[40].Email!.ToUpperInvariant(), null, null, h.Phones), ContactHarness.Page(1, 10));
        var notMember = await ListAsync(h, group, ContactQuery.Parse([], outsider.Email, null, null, h.Phones), ContactHarness.Page(1, 10));

        Assert.Equal(members[40].Id, Assert.Single(member.Items).Id);
        Assert.Empty(notMember.Items);
    }

    /// <summary>
    /// 100 contacts over two hours; 75 of them in the group, the others in a group whose member
    /// rows sort right after, so a page that ran past its group would show them.
    /// </summary>
    private static async Task<(ContactHarness H, long Group, List<Contact> Members)> SeedAsync()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync("Paged");
        var next = await h.NewGroupAsync("Next");
        var names = new[] { "Noa", "Tamar", "Eitan" };
        var rows = Enumerable.Range(0, 100).Select(i => new
        {
            email = $"member{i:D3}@example.com",
            first_name = names[i % names.Length],
            status = i % 3 == 1 ? "Unsubscribed" : null,
        }).ToList();
        await h.ImportAsync(next.Id, rows.Take(50));
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.ImportAsync(next.Id, rows.Skip(50));
        var all = await h.ReadContactsAsync();

        // Every fourth contact stays outside the group.
        var members = all.Where((_, i) => i % 4 != 3).ToList();
        Assert.Equal(Members, members.Count);
        Assert.Equal(Members, (await h.ImportAsync(group.Id, members.Select(contact => new { email = contact.Email }))).Updated);
        return (h, group.Id, members);
    }

    private static Task<ItemPage<Contact>> ListAsync(ContactHarness h, long group, ContactQuery query, PageRequest page) =>
        h.Groups.ListMembersAsync(h.AccountId, ContactHarness.Id(group), query, page, CancellationToken.None);

    private static async Task<List<long>> WalkAsync(ContactHarness h, long group, ContactQuery query, int limit)
    {
        var ids = new List<long>();
        var page = ContactHarness.Page(1, limit);
        while (true)
        {
            var result = await ListAsync(h, group, query, page);
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
