using System.Globalization;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Groups;

/// <summary>Groups and their members. A member is a contact; member id = contact id.</summary>
public sealed class GroupService(
    GroupStore groups, GroupPurge purge, ContactWriter writer, ContactService contactService, IdAllocator ids, TimeProvider clock)
{
    public async Task<Group> CreateAsync(string accountId, JsonBody body, CancellationToken cancellationToken)
    {
        var name = body.GetRequiredString("name", Group.MaxNameLength);
        var id = await ids.NextAsync(accountId, IdAllocator.GroupSequence, cancellationToken);
        var group = new Group(id, name, clock.GetUtcNow(), 0, 0);
        await groups.AddAsync(accountId, group, cancellationToken);
        return group;
    }

    public async Task<Group> GetAsync(string accountId, string groupId, CancellationToken cancellationToken) =>
        await groups.FindAsync(accountId, ParseId(groupId), cancellationToken) ?? throw NotFound(groupId);

    public Task<ItemPage<Group>> ListAsync(string accountId, string? searchTerm, PageRequest page, CancellationToken cancellationToken)
    {
        var term = searchTerm?.Trim();
        if (term is { Length: > Group.MaxNameLength })
        {
            throw new InvalidRequestException($"'SearchTerm' is longer than {Group.MaxNameLength} characters.");
        }

        return groups.ListAsync(accountId, page, term is { Length: > 0 } ? term : null, cancellationToken);
    }

    public async Task<Group> RenameAsync(string accountId, string groupId, JsonBody body, CancellationToken cancellationToken)
    {
        var name = body.GetRequiredString("name", Group.MaxNameLength);
        while (true)
        {
            var group = await GetAsync(accountId, groupId, cancellationToken);
            if (await groups.TryRenameAsync(accountId, group, name, cancellationToken))
            {
                return group with { Name = name };
            }
        }
    }

    /// <summary>
    /// Deletes the group and takes every contact out of it. The group disappears from reads first;
    /// if the removal stops half-way, deleting again resumes it.
    /// </summary>
    public async Task DeleteAsync(string accountId, string groupId, ChangeContext context, CancellationToken cancellationToken)
    {
        var id = ParseId(groupId);
        if (!await groups.RowExistsAsync(accountId, id, cancellationToken) || !await groups.MarkDeletingAsync(accountId, id, cancellationToken))
        {
            throw NotFound(groupId);
        }

        await purge.PurgeAsync(accountId, id, context, cancellationToken);
    }

    /// <summary>Upserts the contact in the body and adds it to the group; idempotent.</summary>
    public async Task<UpsertResult> AddMemberAsync(string accountId, string groupId, JsonBody body, ChangeContext context, CancellationToken cancellationToken)
    {
        var id = await RequireGroupAsync(accountId, groupId, cancellationToken);
        return await writer.UpsertAsync(accountId, contactService.ParsePatch(body), context, id, cancellationToken);
    }

    public async Task<ItemPage<Contact>> ListMembersAsync(
        string accountId, string groupId, ContactQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var id = await RequireGroupAsync(accountId, groupId, cancellationToken);
        return await contactService.ListReferencedAsync(
            accountId, new KeyRange(accountId, ContactKeys.MembersOf(id)), query, contact => contact.GroupIds.Contains(id), page, cancellationToken);
    }

    public async Task<Contact> GetMemberAsync(string accountId, string groupId, string memberId, CancellationToken cancellationToken)
    {
        var id = await RequireGroupAsync(accountId, groupId, cancellationToken);
        var contact = await contactService.GetAsync(accountId, memberId, cancellationToken);
        return contact.GroupIds.Contains(id)
            ? contact
            : throw new ResourceNotFoundException($"Contact {contact.Id} is not a member of group {id}.");
    }

    public async Task RemoveMemberAsync(string accountId, string groupId, string memberId, ChangeContext context, CancellationToken cancellationToken)
    {
        var id = await RequireGroupAsync(accountId, groupId, cancellationToken);
        var wasMember = false;
        var contact = await writer.ModifyAsync(accountId, ContactService.Locate(memberId), existing =>
        {
            wasMember = existing.GroupIds.Contains(id);
            return existing.LeavingGroup(id, clock.GetUtcNow(), context);
        }, context, cancellationToken);

        if (contact is null || !wasMember)
        {
            throw new ResourceNotFoundException($"Contact '{MessageText.Clip(memberId)}' is not a member of group {id}.");
        }
    }

    private async Task<long> RequireGroupAsync(string accountId, string groupId, CancellationToken cancellationToken)
    {
        var id = ParseId(groupId);
        return await groups.ExistsAsync(accountId, id, cancellationToken) ? id : throw NotFound(groupId);
    }

    /// <summary>Group ids are positive integers; anything else names no group (404), without reaching storage.</summary>
    public static long ParseId(string groupId) =>
        long.TryParse(groupId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw NotFound(groupId ?? "");

    private static ResourceNotFoundException NotFound(string groupId) => new($"Group '{MessageText.Clip(groupId)}' was not found.");
}
