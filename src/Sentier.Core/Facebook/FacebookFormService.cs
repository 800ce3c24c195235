using Sentier.Core.Common;
using Sentier.Core.Groups;

namespace Sentier.Core.Facebook;

/// <summary>
/// The forms an account syncs (<c>/api/facebook/forms</c>): which Page they belong to, the group
/// and mapping their leads go to, whether they are polled, their sync status and their leads.
/// </summary>
public sealed class FacebookFormService(
    FacebookFormStore store, FacebookConnectionStore connections, FacebookLeadStore leads, FacebookSyncQueue queue, GroupStore groups, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    /// <summary><c>PUT /api/facebook/forms/{formId}</c>: creates or reconfigures the form's sync. True when it was created.</summary>
    public async Task<(FacebookForm Form, bool Created)> PutAsync(string accountId, string formId, JsonBody body, CancellationToken cancellationToken)
    {
        formId = FacebookIds.Require(formId, "formId");
        var pageId = FacebookIds.FromBody(body, "connection_id");
        var groupId = body.GetInteger("group_id");
        var isActive = body.GetBoolean("is_active") ?? true;
        body.TryGetValue("field_mapping", out var mappingValue);
        var mapping = LeadMapping.Parse(body.Has("field_mapping") ? mappingValue : null);
        var since = body.GetDate("since");
        var now = clock.GetUtcNow();
        if (since > now)
        {
            throw new InvalidRequestException("'since' is in the future; leads are read from a past date (at most 90 days back, what Facebook keeps).");
        }

        if (await connections.FindAsync(accountId, pageId, cancellationToken) is null)
        {
            throw new InvalidRequestException($"'connection_id' '{pageId}' is not a connected Page of this account.");
        }

        if (groupId is { } group && (group <= 0 || !await groups.ExistsAsync(accountId, group, cancellationToken)))
        {
            throw new InvalidRequestException($"'group_id' {group} is not a group of this account.");
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.FindAsync(accountId, formId, cancellationToken) is not { } existing)
            {
                var form = new FacebookForm(accountId, formId, pageId, groupId, isActive, mapping, since ?? now - FacebookFormSync.DefaultBackfill, now, now);
                if (await store.TryAddAsync(form, cancellationToken) is { } added)
                {
                    return (await WithTallyAsync(added, cancellationToken), true);
                }

                continue;
            }

            // The sync fields (checkpoint, counters, lease) are the worker's and stay as they are.
            var updated = existing with
            {
                PageId = pageId,
                GroupId = groupId,
                IsActive = isActive,
                Mapping = mapping,
                Since = since ?? existing.Since,
                Updated = now,
                NextSyncUtc = isActive && !existing.IsActive ? null : existing.NextSyncUtc,
            };
            if (await store.TryReplaceAsync(updated, cancellationToken) is { } replaced)
            {
                return (await WithTallyAsync(replaced, cancellationToken), false);
            }
        }

        throw new ConflictException("The form is being changed by many requests at once; try again.");
    }

    public async Task<FacebookForm> GetAsync(string accountId, string formId, CancellationToken cancellationToken) =>
        FacebookIds.IsWellFormed(formId) && await store.FindAsync(accountId, formId, cancellationToken) is { } form
            ? await WithTallyAsync(form, cancellationToken)
            : throw NotFound(formId);

    public async Task<IReadOnlyList<FacebookForm>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        await Task.WhenAll((await store.ListAsync(accountId, cancellationToken)).Select(form => WithTallyAsync(form, cancellationToken)));

    /// <summary>Stops syncing the form. Its lead records stay, so adding it again never imports a lead twice.</summary>
    public async Task DeleteAsync(string accountId, string formId, CancellationToken cancellationToken)
    {
        if (!FacebookIds.IsWellFormed(formId) || !await store.DeleteAsync(accountId, formId, cancellationToken))
        {
            throw NotFound(formId);
        }
    }

    /// <summary><c>POST …/sync</c>: enqueues a sync now (the queue worker runs it, under the same lease as the poller's).</summary>
    public async Task<FacebookForm> RequestSyncAsync(string accountId, string formId, CancellationToken cancellationToken)
    {
        var form = await GetAsync(accountId, formId, cancellationToken);
        if (!form.IsActive)
        {
            throw new ConflictException($"Form '{formId}' is not active; set is_active to true first.");
        }

        await queue.SendAsync(accountId, formId, cancellationToken);
        return form;
    }

    public async Task<ItemPage<LeadRecord>> ListLeadsAsync(string accountId, string formId, PageRequest page, CancellationToken cancellationToken)
    {
        await GetAsync(accountId, formId, cancellationToken);
        return await leads.ListAsync(accountId, formId, page, cancellationToken);
    }

    private async Task<FacebookForm> WithTallyAsync(FacebookForm form, CancellationToken cancellationToken) =>
        form with { Tally = await leads.TallyAsync(form.AccountId, form.FormId, cancellationToken) };

    private static ResourceNotFoundException NotFound(string formId) => new($"Facebook form '{MessageText.Clip(formId)}' was not found.");
}
