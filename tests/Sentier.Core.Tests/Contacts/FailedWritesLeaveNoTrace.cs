using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// A write that fails must fail whole: a contact without its index, or a membership without its
/// counter, would break every later read. Each case compares every row of the partition, ETags
/// included, before and after the failure.
/// </summary>
public sealed class FailedWritesLeaveNoTrace
{
    [Fact]
    public async Task UpsertWithOneContactsEmailAndAnothersNumberConflictsAndWritesNothing()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var a = (await h.AddMemberAsync(group.Id, """{"email":"a@example.com"}""")).Contact;
        var b = (await h.AddMemberAsync(group.Id, """{"email":"b@example.com","sms":"054-7654321"}""")).Contact;
        var before = await h.SnapshotAsync();

        var ex = await Assert.ThrowsAsync<ConflictException>(() => h.UpsertAsync("""{"email":"a@example.com","sms":"0547654321","first_name":"Merged"}"""));
        await Assert.ThrowsAsync<ConflictException>(() => h.AddMemberAsync(group.Id, """{"email":"a@example.com","sms":"0547654321"}"""));

        Assert.Contains(ContactHarness.Id(a.Id), ex.Message);
        Assert.Contains(ContactHarness.Id(b.Id), ex.Message);
        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task ChangingAnEmailOrNumberToAnotherContactsConflictsAndWritesNothing()
    {
        var h = await ContactHarness.CreateAsync();
        var a = await h.UpsertAsync("""{"email":"a@example.com","sms":"054-1111111"}""");
        await h.UpsertAsync("""{"email":"b@example.com","sms":"054-2222222"}""");
        var before = await h.SnapshotAsync();

        await Assert.ThrowsAsync<ConflictException>(() => h.UpdateAsync(a.Id, """{"email":"B@example.com","first_name":"Thief"}"""));
        await Assert.ThrowsAsync<ConflictException>(() => h.UpdateAsync(a.Id, """{"sms":"+972 54 222 2222"}"""));

        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task ARefusedStatusChangeOnADoNotMailContactWritesNothing()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var contact = (await h.AddMemberAsync(group.Id, """{"email":"dnm@example.com","is_do_not_mail":true}""")).Contact;
        var before = await h.SnapshotAsync();

        await Assert.ThrowsAsync<MethodNotAllowedException>(() => h.UpdateAsync(contact.Id, """{"status":"Unsubscribed","first_name":"x"}"""));
        await Assert.ThrowsAsync<MethodNotAllowedException>(() => h.UpsertAsync("""{"email":"dnm@example.com","status":2}"""));
        await Assert.ThrowsAsync<MethodNotAllowedException>(() => h.AddMemberAsync(group.Id, """{"email":"dnm@example.com","status":"Unsubscribed"}"""));

        Assert.Equal(before, await h.SnapshotAsync());
    }

    [Fact]
    public async Task ATransactionWithATakenIndexKeyWritesNoneOfItsRows()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var owner = await h.UpsertAsync("""{"email":"taken@example.com"}""");
        var before = await h.SnapshotAsync();

        // A fresh contact that would be fine alone, staged with one whose email index row exists.
        var batch = new ContactBatch(h.AccountId, ChangeSource.Api, null, h.Time.GetUtcNow());
        batch.Stage(null, NewContact(9001, "fresh@example.com", group.Id, h));
        batch.Stage(null, NewContact(9002, "taken@example.com", group.Id, h));
        Assert.False(await h.Store.TrySubmitAsync(batch, CancellationToken.None));

        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Equal(owner.Id, await h.Store.FindIdAsync(h.AccountId, ContactKeys.Email("taken@example.com"), CancellationToken.None));
        Assert.Null(await h.Store.FindAsync(h.AccountId, 9001, CancellationToken.None));
        Assert.Equal(0, (await h.GetGroupAsync(group.Id)).Counter);
    }

    [Fact]
    public async Task ATransactionWithAStaleContactWritesNoneOfItsRows()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var id = (await h.UpsertAsync("""{"email":"stale@example.com"}""")).Id;
        var stale = (await h.Store.FindAsync(h.AccountId, id, CancellationToken.None))!;
        await h.UpdateAsync(id, """{"first_name":"Moved on"}""");
        var before = await h.SnapshotAsync();

        var batch = new ContactBatch(h.AccountId, ChangeSource.Api, null, h.Time.GetUtcNow());
        batch.Stage(null, NewContact(9003, "fresh@example.com", group.Id, h));
        batch.Stage(stale, stale with { Email = "renamed@example.com", GroupIds = [group.Id] });
        Assert.False(await h.Store.TrySubmitAsync(batch, CancellationToken.None));

        Assert.Equal(before, await h.SnapshotAsync());
        await h.AssertConsistentAsync();
    }

    private static Contact NewContact(long id, string email, long groupId, ContactHarness h) => new()
    {
        Id = id,
        Email = email,
        Status = SubscriptionStatus.Subscribed,
        GroupIds = [groupId],
        Created = h.Time.GetUtcNow(),
        Updated = h.Time.GetUtcNow(),
    };
}
