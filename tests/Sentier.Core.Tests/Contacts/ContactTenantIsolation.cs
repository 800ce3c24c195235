using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Every account's contacts live in their own partition and ids are counted per account, so
/// another account's contact 1 is a different contact. Nothing of one account may be read,
/// found, changed or deleted through another account's id.
/// </summary>
public sealed class ContactTenantIsolation
{
    [Fact]
    public async Task AnotherAccountCannotReadFindChangeOrDeleteAContact()
    {
        var a = await ContactHarness.CreateAsync();
        var b = a.AnotherAccount();
        var group = await a.NewGroupAsync();
        var contact = (await a.AddMemberAsync(group.Id, """{"email":"private@example.com","sms":"054-1212121","first_name":"Private"}""")).Contact;
        await a.UpdateAsync(contact.Id, """{"status":"Unsubscribed"}""");
        var before = await a.SnapshotAsync();
        var id = ContactHarness.Id(contact.Id);

        foreach (var key in new[] { id, "private@example.com" })
        {
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Contacts.GetAsync(b.AccountId, key, CancellationToken.None));
            await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
                b.Contacts.UpdateAsync(b.AccountId, key, ContactHarness.Json("""{"first_name":"Hijacked"}"""), ContactHarness.Api, CancellationToken.None));
            await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
                b.Contacts.UpdateAsync(b.AccountId, key, ContactHarness.Json("""{"is_deleted":true}"""), ContactHarness.Api, CancellationToken.None));
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Contacts.DeleteAsync(b.AccountId, key, ContactHarness.Api, CancellationToken.None));
            await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Contacts.GroupsOfAsync(b.AccountId, key, CancellationToken.None));
        }

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.UpsertAsync("""{"email":"private@example.com","is_deleted":true}"""));
        Assert.Empty((await b.Contacts.ListAsync(b.AccountId, ContactQuery.Empty, ContactHarness.Page(1, 100), CancellationToken.None)).Items);
        foreach (var term in new[] { "private@example.com", "054-1212121", "Private" })
        {
            Assert.Empty((await b.Contacts.ListAsync(b.AccountId, ContactQuery.Parse([], term, null, null, b.Phones), ContactHarness.Page(1, 100), CancellationToken.None)).Items);
        }

        Assert.Empty((await b.Contacts.UnsubscribersAsync(b.AccountId, null, null, ContactHarness.Page(1, 100), CancellationToken.None)).Items);
        Assert.Equal(before, await a.SnapshotAsync());
    }

    [Fact]
    public async Task TheSameEmailAndIdInAnotherAccountAreAnotherContact()
    {
        var a = await ContactHarness.CreateAsync();
        var b = a.AnotherAccount();
        var ofA = await a.UpsertAsync("""{"email":"shared@example.com","first_name":"In A"}""");
        var before = await a.SnapshotAsync();

        var ofB = (await b.Contacts.UpsertAsync(b.AccountId, ContactHarness.Json("""{"email":"shared@example.com","first_name":"In B"}"""), ContactHarness.Api, CancellationToken.None));

        Assert.Equal(UpsertOutcome.Created, ofB.Outcome);
        Assert.Equal(ofA.Id, ofB.Contact.Id);
        Assert.Equal("In B", (await b.GetAsync(ofB.Contact.Id)).Fields["first_name"]);
        Assert.Equal("In A", (await a.GetAsync(ofA.Id)).Fields["first_name"]);
        Assert.Equal(before, await a.SnapshotAsync());
        await a.AssertConsistentAsync();
        await b.AssertConsistentAsync();
    }
}
