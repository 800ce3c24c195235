using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// A row that cannot be imported is reported by its index, with the email it carried and why, and
/// every other row is still imported, whether the row fails on its own content, on what is stored
/// (a conflict, a do-not-mail contact) or on another row of the same request.
/// </summary>
public sealed class ImportReportsFailedRowsAndKeepsTheRest
{
    [Fact]
    public async Task InvalidRowsAreReportedByIndexAndTheOthersAreImported()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var body = ContactHarness.Json($$"""
            {
              "group": {{group.Id}},
              "contacts": [
                {"email":"good0@example.com"},
                {"email":"not-an-email","first_name":"Broken"},
                {"email":"good2@example.com","sms":"12"},
                {"first_name":"Nobody"},
                {"email":"good4@example.com","is_deleted":true},
                42,
                {"email":"good6@example.com","num1":"many"},
                {"email":"good7@example.com","sms":"054-3333333"}
              ]
            }
            """);

        var result = await h.Importer.ImportAsync(h.AccountId, body, ContactHarness.Api, CancellationToken.None);

        Assert.Equal((2, 0), (result.Created, result.Updated));
        Assert.Equal([1, 2, 3, 4, 5, 6], result.Failed.Select(failure => failure.Index));
        Assert.Equal(["not-an-email", "good2@example.com", null, "good4@example.com", null, "good6@example.com"], result.Failed.Select(failure => failure.Email));
        Assert.All(result.Failed, failure => Assert.False(string.IsNullOrWhiteSpace(failure.Message)));
        Assert.Contains("'email'", result.Failed[0].Message);
        Assert.Contains("'sms'", result.Failed[1].Message);
        Assert.Contains("'num1'", result.Failed[5].Message);
        Assert.Equal(["good0@example.com", "good7@example.com"], (await h.ReadContactsAsync()).Select(contact => contact.Email));
        Assert.Equal(2, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ARowTooLargeToStoreIsReportedAndTheOthersAreImported()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();

        // A stored contact beyond what one row may hold (25 fields of 30,000 characters: 1.5 MB as the
        // service counts a row), as an older version or another tool could have left it: no write of it fits.
        var oversized = ContactSamples.Stored(1, "big@example.com") with
        {
            Fields = Enumerable.Range(1, 25).ToDictionary(i => $"ext{i}", _ => (object)new string('x', 30_000)),
        };
        await h.Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, ContactEntity.ToEntity(h.AccountId, oversized)),
            new(TableTransactionActionType.Add, new TableEntity(h.AccountId, ContactKeys.Email("big@example.com")) { ["ContactId"] = 1L }),
        ]);

        var result = await h.ImportAsync(group.Id, Enumerable.Range(0, 40).Select(i => new { email = i == 20 ? "big@example.com" : $"fits{i}@example.com" }));

        Assert.Equal((39, 0), (result.Created, result.Updated));
        var failure = Assert.Single(result.Failed);
        Assert.Equal((20, "big@example.com"), (failure.Index, failure.Email));
        Assert.Contains("contact 1 is too large to store", failure.Message);
        Assert.Equal(39, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ARowThatChangesTheStatusOfADoNotMailContactFailsAsASingleUpdateWould()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var marked = await h.UpsertAsync("""{"email":"marked@example.com","is_do_not_mail":true}""");
        var single = await Assert.ThrowsAsync<MethodNotAllowedException>(() => h.UpdateAsync(marked.Id, """{"status":"Unsubscribed"}"""));
        var before = await h.GetAsync(marked.Id);

        var result = await h.ImportAsync(group.Id, new object[]
        {
            new { email = "fresh0@example.com" },
            new { email = "Marked@example.com", status = "Unsubscribed", first_name = "Changed" },
            new { email = "fresh2@example.com" },
        });

        Assert.Equal((2, 0), (result.Created, result.Updated));
        var failure = Assert.Single(result.Failed);
        Assert.Equal((1, "Marked@example.com", single.Message), (failure.Index, failure.Email, failure.Message));
        var after = await h.GetAsync(marked.Id);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Empty(after.GroupIds);
        Assert.Equal(2, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ADoNotMailRowThatAlsoLiftsTheFlagMayChangeTheStatus()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var marked = await h.UpsertAsync("""{"email":"lifted@example.com","is_do_not_mail":true}""");

        var result = await h.ImportAsync(group.Id, new object[] { new { email = "lifted@example.com", status = "Subscribed", is_do_not_mail = false } });

        Assert.Equal((0, 1), (result.Created, result.Updated));
        Assert.True((await h.GetAsync(marked.Id)).IsActive);
        Assert.Equal((1L, 1L), ((await h.GetGroupAsync(group.Id)).Counter, (await h.GetGroupAsync(group.Id)).ActiveCounter));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ARowWhoseEmailAndNumberBelongToTwoContactsFailsAndTheOthersAreImported()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var a = await h.UpsertAsync("""{"email":"a@example.com"}""");
        var b = await h.UpsertAsync("""{"email":"b@example.com","sms":"054-4444444"}""");

        var result = await h.ImportAsync(group.Id, new object[]
        {
            new { email = "c@example.com" },
            new { email = "a@example.com", sms = "0544444444" },
            new { email = "b@example.com", first_name = "Bee" },
        });

        Assert.Equal((1, 1), (result.Created, result.Updated));
        var failure = Assert.Single(result.Failed);
        Assert.Equal((1, "a@example.com"), (failure.Index, failure.Email));
        Assert.Contains(ContactHarness.Id(a.Id), failure.Message);
        Assert.Contains(ContactHarness.Id(b.Id), failure.Message);
        Assert.Empty((await h.GetAsync(a.Id)).GroupIds);
        Assert.Equal("Bee", (await h.GetAsync(b.Id)).Fields["first_name"]);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task AnEmailTwiceInOneRequestIsOneContactWithTheLaterRowsValues()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var rows = Enumerable.Range(0, 60).Select(i => (object)new { email = $"row{i}@example.com" }).ToList();
        rows.Insert(10, new { email = "twice@example.com", first_name = "Earlier", city = "Haifa" });
        rows.Add(new { email = " TWICE@example.com ", first_name = "Later" });

        var result = await h.ImportAsync(group.Id, rows);

        Assert.Empty(result.Failed);
        Assert.Equal(rows.Count, result.Created + result.Updated);
        Assert.Equal(61, result.Created);
        var twice = Assert.Single(await h.ReadContactsAsync(), contact => contact.Email == "twice@example.com");
        Assert.Equal("Later", twice.Fields["first_name"]);
        Assert.Equal("Haifa", twice.Fields["city"]);
        Assert.Equal(61, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ANumberTwiceInOneRequestUnderTwoEmailsFailsTheLaterRow()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();

        var result = await h.ImportAsync(group.Id, new object[]
        {
            new { email = "first@example.com", sms = "054-5555555" },
            new { email = "other@example.com" },
            new { email = "second@example.com", sms = "+972545555555" },
        });

        Assert.Equal(2, result.Created);
        var failure = Assert.Single(result.Failed);
        Assert.Equal((2, "second@example.com"), (failure.Index, failure.Email));
        Assert.Equal(["first@example.com", "other@example.com"], (await h.ReadContactsAsync()).Select(contact => contact.Email).Order());
        await h.AssertConsistentAsync();
    }
}
