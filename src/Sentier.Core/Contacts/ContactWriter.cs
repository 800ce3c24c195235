using Sentier.Core.Common;
using Sentier.Core.Groups;

namespace Sentier.Core.Contacts;

/// <summary>
/// Every single-contact write: read the current state, compute the new one, commit both with all
/// derived rows in one transaction, and start over when another writer got there first. Two
/// concurrent creates of one email therefore end as one contact: the loser's transaction fails on
/// the email key, and its retry finds the winner's contact and updates it.
/// </summary>
public sealed class ContactWriter(ContactStore store, GroupStore groups, IdAllocator ids, TimeProvider clock)
{
    private const int MaxAttempts = 12;

    /// <summary>
    /// Creates the contact the patch identifies (by email, else by sms) or updates it, and adds it
    /// to <paramref name="groupId"/> when one is given.
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(
        string accountId, ContactPatch patch, ChangeContext context, long? groupId, CancellationToken cancellationToken)
    {
        patch.RequireIdentity();
        long? newId = null;
        for (var attempt = 0; ; attempt++)
        {
            var existing = await FindByIdentityAsync(accountId, patch.Email, patch.Sms, cancellationToken);
            if (patch.IsDeleted)
            {
                if (existing is null)
                {
                    throw new ResourceNotFoundException($"No contact has the email or sms '{patch.ReportedEmail ?? patch.Sms}'.");
                }

                if (await TryCommitAsync(accountId, existing, null, context, cancellationToken))
                {
                    return new UpsertResult(existing, UpsertOutcome.Deleted);
                }
            }
            else
            {
                var id = existing?.Id ?? (newId ??= await ids.NextAsync(accountId, IdAllocator.ContactSequence, cancellationToken));
                var updated = patch.ApplyTo(existing, id, clock.GetUtcNow(), context.Source, context.AppId);
                var joined = groupId is { } group && !updated.GroupIds.Contains(group);
                if (joined)
                {
                    updated = updated.JoiningGroup(groupId!.Value);
                }

                if (existing is not null && updated.IsUnchangedFrom(existing))
                {
                    // Nothing changes: no write and nothing to announce.
                    return new UpsertResult(existing, UpsertOutcome.Unchanged);
                }

                if (await TryCommitAsync(accountId, existing, updated, context, cancellationToken))
                {
                    var outcome = existing is null ? UpsertOutcome.Created : UpsertOutcome.Updated;
                    return new UpsertResult(updated, outcome, JoinedGroup: joined);
                }

                if (joined && !await groups.AcceptsMembersAsync(accountId, groupId!.Value, cancellationToken))
                {
                    // The transaction failed on the group's join guard: nothing was written.
                    throw GroupStore.DeletedMeanwhile(groupId.Value);
                }
            }

            ThrowIfExhausted(attempt);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current state of the contact and commits it; the
    /// change returns null to delete the contact. Null when the contact does not exist.
    /// </summary>
    public async Task<Contact?> ModifyAsync(
        string accountId, ContactRef contact, Func<Contact, Contact?> change, ChangeContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await FindAsync(accountId, contact, cancellationToken);
            if (existing is null)
            {
                return null;
            }

            var updated = change(existing);
            if (updated is not null && updated.IsUnchangedFrom(existing))
            {
                return existing;
            }

            if (updated is not null)
            {
                await RequireIdentityIsFreeAsync(accountId, existing, updated, cancellationToken);
            }

            if (await TryCommitAsync(accountId, existing, updated, context, cancellationToken))
            {
                return updated ?? existing;
            }

            ThrowIfExhausted(attempt);
        }
    }

    /// <summary>The contact as it is now, or null when it does not exist (or no longer has the email it was named by).</summary>
    public Task<Contact?> FindAsync(string accountId, ContactRef contact, CancellationToken cancellationToken) =>
        contact.Email is { } email
            ? FindByIdentityAsync(accountId, email, null, cancellationToken)
            : store.FindAsync(accountId, contact.Id!.Value, cancellationToken);

    /// <summary>
    /// The contact with this email, else the one with this number; 409 when they are two different
    /// contacts. An index row and the contact it points to are two reads: a contact that no longer
    /// has the key it was found by (changed or deleted in between) is not the answer, and the keys
    /// are looked up again.
    /// </summary>
    public async Task<Contact?> FindByIdentityAsync(string accountId, string? email, string? sms, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var byEmail = email is null ? Task.FromResult<long?>(null) : store.FindIdAsync(accountId, ContactKeys.Email(email), cancellationToken);
            var bySms = sms is null ? Task.FromResult<long?>(null) : store.FindIdAsync(accountId, ContactKeys.Sms(sms), cancellationToken);
            var (emailId, smsId) = (await byEmail, await bySms);

            if (emailId is { } a && smsId is { } b && a != b)
            {
                throw new ConflictException(
                    $"The email belongs to contact {a} and the sms number to contact {b}; merge them or send one of the two.", lasting: true);
            }

            if ((emailId ?? smsId) is not { } id)
            {
                return null;
            }

            var contact = await store.FindAsync(accountId, id, cancellationToken);
            if (contact is not null && (emailId is null || contact.Email == email) && (smsId is null || contact.Sms == sms))
            {
                if (emailId is null && email is not null && contact.Email is not null)
                {
                    // A new email for a number that is already known: the number's contact takes the
                    // email, unless it has another one, which would make the two one person with two addresses.
                    throw new ConflictException(
                        $"The sms number belongs to contact {id}, which has another email; merge them or send one of the two.", lasting: true);
                }

                return contact;
            }

            ThrowIfExhausted(attempt);
        }
    }

    /// <summary>A changed email or number must not belong to someone else (409), as ActiveTrail answers.</summary>
    private async Task RequireIdentityIsFreeAsync(string accountId, Contact existing, Contact updated, CancellationToken cancellationToken)
    {
        if (updated.Email is { } email && email != existing.Email
            && await store.FindIdAsync(accountId, ContactKeys.Email(email), cancellationToken) is { } emailOwner && emailOwner != existing.Id)
        {
            throw new ConflictException($"The email '{MessageText.Clip(email)}' already belongs to contact {emailOwner}.", lasting: true);
        }

        if (updated.Sms is { } sms && sms != existing.Sms
            && await store.FindIdAsync(accountId, ContactKeys.Sms(sms), cancellationToken) is { } smsOwner && smsOwner != existing.Id)
        {
            throw new ConflictException($"The sms number '{sms}' already belongs to contact {smsOwner}.", lasting: true);
        }
    }

    private async Task<bool> TryCommitAsync(string accountId, Contact? before, Contact? after, ChangeContext context, CancellationToken cancellationToken)
    {
        var batch = new ContactBatch(accountId, context.Source, context.AppId, clock.GetUtcNow());
        batch.Stage(before, after);
        return await store.TrySubmitAsync(batch, cancellationToken);
    }

    private static void ThrowIfExhausted(int attempt)
    {
        if (attempt + 1 >= MaxAttempts)
        {
            throw new ConflictException("The contact is being changed by many requests at once; try again.");
        }
    }
}

public enum UpsertOutcome
{
    Created,
    Updated,
    Unchanged,
    Deleted,
}

/// <summary>The contact after an upsert, what happened to it, and whether it newly joined the group asked for.</summary>
public sealed record UpsertResult(Contact Contact, UpsertOutcome Outcome, bool JoinedGroup = false);
