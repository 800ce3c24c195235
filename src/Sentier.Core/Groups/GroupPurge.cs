using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Groups;

/// <summary>
/// Takes every contact out of a group that is being deleted, then removes the group's own rows.
/// It runs after <see cref="GroupStore.MarkDeletingAsync"/> has removed the group's join guard, so
/// no transaction can add a member behind it: the members it finds are all there will be.
/// </summary>
public sealed class GroupPurge(GroupStore groups, ContactStore contacts, ContactWriter writer, TimeProvider clock)
{
    /// <summary>Members read and removed per pass (each also rewrites its contact row; large contacts take several transactions).</summary>
    private const int ChunkSize = 24;

    public async Task PurgeAsync(string accountId, long groupId, ChangeContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var memberIds = new List<long>(ChunkSize);
            await foreach (var row in groups.QueryMembersAsync(accountId, groupId, null, ChunkSize, cancellationToken))
            {
                memberIds.Add(ContactKeys.ContactIdOf(row.RowKey));
                if (memberIds.Count == ChunkSize)
                {
                    break;
                }
            }

            if (memberIds.Count == 0)
            {
                break;
            }

            await RemoveMembersAsync(accountId, groupId, memberIds, context, cancellationToken);
        }

        await groups.DeleteRowsAsync(accountId, groupId, cancellationToken);
    }

    /// <summary>
    /// Takes a chunk of contacts out of the group in as few transactions as their size allows, or
    /// one by one when another writer interferes or storage refuses a transaction as too large
    /// (each contact's own change always fits), so a repeated delete always gets through.
    /// </summary>
    private async Task RemoveMembersAsync(string accountId, long groupId, List<long> memberIds, ChangeContext context, CancellationToken cancellationToken)
    {
        var found = await contacts.FindManyAsync(accountId, memberIds, cancellationToken);
        if (found.All(contact => contact is not null) && await TrySubmitAllAsync(accountId, groupId, found.OfType<Contact>(), context, cancellationToken))
        {
            return;
        }

        foreach (var contactId in memberIds)
        {
            if (await writer.ModifyAsync(accountId, ContactRef.ById(contactId), contact => contact.LeavingGroup(groupId, clock.GetUtcNow(), context), context, cancellationToken) is null)
            {
                await groups.DeleteOrphanMemberAsync(accountId, groupId, contactId, cancellationToken);
            }
        }
    }

    private async Task<bool> TrySubmitAllAsync(string accountId, long groupId, IEnumerable<Contact> members, ChangeContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batches = ContactBatch.Pack(
            members.Select(contact => ((Contact?)contact, (Contact?)contact.LeavingGroup(groupId, now, context))),
            () => new ContactBatch(accountId, context.Source, context.AppId, clock.GetUtcNow()));
        try
        {
            foreach (var (batch, _) in batches)
            {
                if (!await contacts.TrySubmitAsync(batch, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }
        catch (RequestTooLargeException)
        {
            return false;
        }
    }
}
