using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// A write that names a contact by email or number reads the index row, then the contact. If
/// another request moves that email or number to a new value in between, the contact read no
/// longer carries the key it was found by: using it would write the old key back and silently
/// undo the acknowledged change. The writer must look the key up again instead. The second
/// request runs while the first one's contact read is held by the storage client, so the
/// interleaving is fixed, not left to chance.
/// </summary>
public sealed class IdentityChangesSurviveIndexLookups
{
    [Fact]
    public async Task AnUpsertByEmailDoesNotUndoAnEmailChangeMadeAfterItsLookup()
    {
        var (h, contact) = await CreateAsync("""{"email":"x@example.com","first_name":"Old"}""");

        var late = await MoveWhileReadingAsync(h, contact, """{"email":"y@example.com"}""",
            instance => instance.UpsertAsync("""{"email":"x@example.com","first_name":"Late"}"""));

        Assert.NotEqual(contact.Id, late.Id);
        Assert.Equal(("x@example.com", "Late"), (late.Email, late.Fields["first_name"]));
        Assert.Equal(("y@example.com", "Old"), await EmailAndNameAsync(h, contact.Id));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task AnUpsertBySmsDoesNotUndoANumberChangeMadeAfterItsLookup()
    {
        var (h, contact) = await CreateAsync("""{"sms":"0541234567","first_name":"Old"}""");

        var late = await MoveWhileReadingAsync(h, contact, """{"sms":"0547654321"}""",
            instance => instance.UpsertAsync("""{"sms":"0541234567","first_name":"Late"}"""));

        Assert.NotEqual(contact.Id, late.Id);
        Assert.Equal(("+972541234567", "Late"), (late.Sms, late.Fields["first_name"]));
        var moved = await h.GetAsync(contact.Id);
        Assert.Equal(("+972547654321", "Old"), (moved.Sms, moved.Fields["first_name"]));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task AnImportDoesNotUndoAnEmailChangeMadeAfterItsLookup()
    {
        var (h, contact) = await CreateAsync("""{"email":"x@example.com","first_name":"Old"}""");
        var group = await h.NewGroupAsync();

        var result = await MoveWhileReadingAsync(h, contact, """{"email":"y@example.com"}""",
            instance => instance.ImportAsync(group.Id, [new { email = "x@example.com", first_name = "Late" }]));

        Assert.Empty(result.Failed);
        Assert.Equal(("y@example.com", "Old"), await EmailAndNameAsync(h, contact.Id));
        Assert.Empty((await h.GetAsync(contact.Id)).GroupIds);
        var imported = await h.Contacts.GetAsync(h.AccountId, "x@example.com", CancellationToken.None);
        Assert.Equal("Late", imported.Fields["first_name"]);
        Assert.Equal([group.Id], imported.GroupIds);
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task APutByEmailDoesNotChangeAContactThatLostThatEmailMeanwhile()
    {
        var (h, contact) = await CreateAsync("""{"email":"x@example.com","first_name":"Old"}""");

        var put = MoveWhileReadingAsync(h, contact, """{"email":"y@example.com"}""",
            instance => instance.Contacts.UpdateAsync(instance.AccountId, "x@example.com", ContactHarness.Json("""{"first_name":"Late"}"""), ContactHarness.Api, CancellationToken.None));

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => put);
        Assert.Equal(("y@example.com", "Old"), await EmailAndNameAsync(h, contact.Id));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task ADeleteByEmailDoesNotDeleteAContactThatLostThatEmailMeanwhile()
    {
        var (h, contact) = await CreateAsync("""{"email":"x@example.com","first_name":"Old"}""");

        var delete = MoveWhileReadingAsync(h, contact, """{"email":"y@example.com"}""", async instance =>
        {
            await instance.Contacts.DeleteAsync(instance.AccountId, "x@example.com", ContactHarness.Api, CancellationToken.None);
            return true;
        });

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => delete);
        Assert.Equal(("y@example.com", "Old"), await EmailAndNameAsync(h, contact.Id));
        await h.AssertConsistentAsync();
    }

    private static async Task<(ContactHarness H, Contact Contact)> CreateAsync(string json)
    {
        var h = await ContactHarness.CreateAsync();
        return (h, await h.UpsertAsync(json));
    }

    /// <summary>
    /// Starts <paramref name="lateWrite"/> on another instance and holds its first read of the
    /// contact's row; meanwhile <paramref name="move"/> changes the contact and is answered; then
    /// the held read goes on and the late write finishes.
    /// </summary>
    private static async Task<T> MoveWhileReadingAsync<T>(ContactHarness h, Contact contact, string move, Func<ContactHarness, Task<T>> lateWrite)
    {
        var traffic = StorageTraffic.Create();
        var held = traffic.HoldNext(RequestMethod.Get, h.RowPath(ContactKeys.Contact(contact.Id)), afterAnswer: false);
        var write = Task.Run(() => lateWrite(h.AnotherInstance(traffic.Tables)));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await h.UpdateAsync(contact.Id, move);
        held.Release();
        return await write;
    }

    private static async Task<(string?, object)> EmailAndNameAsync(ContactHarness h, long contactId)
    {
        var contact = await h.GetAsync(contactId);
        return (contact.Email, contact.Fields["first_name"]);
    }
}
