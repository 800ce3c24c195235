using Sentier.Core.Common;
using Sentier.Core.Groups;

namespace Sentier.Core.Facebook;

/// <summary>
/// The forms an account syncs (<c>/api/facebook/forms</c>): which Page they belong to, the group
/// and mapping their leads go to, whether they are polled, their sync status and their leads.
/// </summary>
public sealed class FacebookFormService(
    FacebookFormStore store,
    FacebookConnectionStore connections,
    FacebookLeadStore leads,
    FacebookSyncQueue queue,
    FacebookGraphClient graph,
    PageTokens tokens,
    GroupStore groups,
    TimeProvider clock)
{
    /// <summary>
    /// Each form costs a queue message, table writes and a Graph call every poll, and an entry in
    /// the webhook's form index: far more than any account's campaigns need, far less than a flood.
    /// </summary>
    public const int MaxFormsPerAccount = 200;

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

        if (await connections.FindAsync(accountId, pageId, cancellationToken) is not { } connection)
        {
            throw new InvalidRequestException($"'connection_id' '{pageId}' is not a connected Page of this account.");
        }

        if (groupId is { } group && (group <= 0 || !await groups.ExistsAsync(accountId, group, cancellationToken)))
        {
            throw new InvalidRequestException($"'group_id' {group} is not a group of this account.");
        }

        var current = await store.FindAsync(accountId, formId, cancellationToken);
        if (current is null && (await store.ListAsync(accountId, cancellationToken)).Count >= MaxFormsPerAccount)
        {
            throw TooManyForms();
        }

        if (current?.PageId != pageId)
        {
            await RequireFormOfPageAsync(connection, formId, cancellationToken);
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.FindAsync(accountId, formId, cancellationToken) is not { } existing)
            {
                var form = new FacebookForm(accountId, formId, pageId, groupId, isActive, mapping, since ?? now - FacebookFormSync.DefaultBackfill, now, now);
                if (await store.TryAddAsync(form, cancellationToken) is { } added)
                {
                    // The room was checked before a Graph round trip: requests adding other forms
                    // meanwhile may have taken it. Counted again with this form in, whoever sees too many takes theirs back.
                    if ((await store.ListAsync(accountId, cancellationToken)).Count > MaxFormsPerAccount)
                    {
                        await store.DeleteAsync(accountId, formId, cancellationToken);
                        throw TooManyForms();
                    }

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

        await queue.SendAsync(new FacebookSyncMessage(accountId, formId), cancellationToken);
        return form;
    }

    public async Task<ItemPage<LeadRecord>> ListLeadsAsync(string accountId, string formId, PageRequest page, CancellationToken cancellationToken)
    {
        await GetAsync(accountId, formId, cancellationToken);
        return await leads.ListAsync(accountId, formId, page, cancellationToken);
    }

    /// <summary>Asks Graph which Page the form belongs to, with the connection's token: a form id of another Page, or made up, is refused.</summary>
    private async Task RequireFormOfPageAsync(FacebookConnection connection, string formId, CancellationToken cancellationToken)
    {
        if (connection.Status == ConnectionStatus.NeedsReauthorization)
        {
            throw new ConflictException($"The Page {connection.PageId} needs to be connected again before its forms can be checked: {connection.StatusReason}");
        }

        var owner = await GraphCalls.RunAsync(async () =>
        {
            try
            {
                return await graph.GetFormPageIdAsync(formId, tokens.Reveal(connection), cancellationToken);
            }
            catch (GraphException ex) when (ex.Kind == GraphFailureKind.Refused)
            {
                return null;
            }
        });
        if (owner != connection.PageId)
        {
            throw new InvalidRequestException(owner is null
                ? $"Form '{formId}' is not a lead form of the Page '{connection.PageId}' (connection_id): Facebook does not show it to the Page."
                : $"Form '{formId}' belongs to the Page '{MessageText.Clip(owner)}', not to '{connection.PageId}' (connection_id); connect that Page and use it.");
        }
    }

    private async Task<FacebookForm> WithTallyAsync(FacebookForm form, CancellationToken cancellationToken) =>
        form with { Tally = await leads.TallyAsync(form.AccountId, form.FormId, cancellationToken) };

    private static ConflictException TooManyForms() =>
        new($"An account syncs at most {MaxFormsPerAccount} Facebook lead forms; delete one it no longer needs first.");

    private static ResourceNotFoundException NotFound(string formId) => new($"Facebook form '{MessageText.Clip(formId)}' was not found.");
}
