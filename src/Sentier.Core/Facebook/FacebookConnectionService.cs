using Sentier.Core.Common;

namespace Sentier.Core.Facebook;

/// <summary>
/// An account's connected Pages: connecting with a Page token (checked with Graph first), the
/// Pages the OAuth callback brings, the list, the Page's lead forms, and disconnecting (which
/// stops the Page's forms). Tokens are stored through <see cref="PageTokens"/> and never returned.
/// </summary>
public sealed class FacebookConnectionService(
    FacebookConnectionStore store, FacebookFormStore forms, FacebookGraphClient graph, PageTokens tokens, TimeProvider clock)
{
    public const int MaxTokenLength = 1000;

    /// <summary>More Pages than an agency manages for one account; each connected Page costs Graph calls every poll.</summary>
    public const int MaxConnectionsPerAccount = 50;

    /// <summary><c>POST /api/facebook/connections</c> <c>{page_id, access_token}</c>.</summary>
    public async Task<FacebookConnection> ConnectAsync(string accountId, JsonBody body, CancellationToken cancellationToken)
    {
        var pageId = FacebookIds.FromBody(body, "page_id");
        var token = body.GetString("access_token", MaxTokenLength)?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidRequestException("'access_token' is required: a Page access token.");
        }

        // It travels in the Authorization header: a line break or control character there is no token.
        if (!token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '|'))
        {
            throw new InvalidRequestException("'access_token' is not a Facebook access token: it has characters other than letters, digits and _ - . |");
        }

        await RequireRoomAsync(accountId, [pageId], cancellationToken);
        var page = await GraphCalls.RunAsync(() => graph.GetPageAsync(pageId, token, cancellationToken));
        if (page.Id != pageId)
        {
            throw new InvalidRequestException($"The token answers for Page '{MessageText.Clip(page.Id)}', not '{pageId}'.");
        }

        // A Page is public: any token reads its id and name. Only the Page's own token is the Page on /me.
        var owner = await GraphCalls.RunAsync(() => graph.GetTokenOwnerIdAsync(token, cancellationToken));
        if (owner != pageId)
        {
            throw new InvalidRequestException($"'access_token' is not a token of the Page '{pageId}' (it speaks for '{MessageText.Clip(owner ?? "")}'); use the Page's own access token.");
        }

        return await SaveAsync(accountId, page with { AccessToken = token }, cancellationToken);
    }

    /// <summary>Stores a Page with its token, as active: connecting a Page again replaces its token and clears needs_reauthorization.</summary>
    public async Task<FacebookConnection> SaveAsync(string accountId, GraphPage page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await store.FindAsync(accountId, page.Id, cancellationToken);
        var saved = await store.UpsertAsync(
            new FacebookConnection(
                accountId, page.Id, page.Name, tokens.Protect(accountId, page.Id, page.AccessToken!), ConnectionStatus.Active, null,
                existing?.Created ?? now, now, existing?.ThrottledUntil),
            cancellationToken);

        // The room was checked before a Graph round trip: requests connecting other Pages meanwhile
        // may have taken it. Counted again with this Page in, whoever sees too many takes theirs back.
        if (existing is null && (await store.ListAsync(accountId, cancellationToken)).Count > MaxConnectionsPerAccount)
        {
            await store.DeleteAsync(accountId, page.Id, cancellationToken);
            throw TooMany(1, MaxConnectionsPerAccount);
        }

        return saved;
    }

    /// <summary>Refuses Pages that would take the account past <see cref="MaxConnectionsPerAccount"/>; Pages connected already take no more room.</summary>
    public async Task RequireRoomAsync(string accountId, IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken)
    {
        var connected = (await store.ListAsync(accountId, cancellationToken)).Select(connection => connection.PageId).ToHashSet(StringComparer.Ordinal);
        var added = pageIds.Distinct(StringComparer.Ordinal).Count(pageId => !connected.Contains(pageId));
        if (added > 0 && connected.Count + added > MaxConnectionsPerAccount)
        {
            throw TooMany(added, connected.Count);
        }
    }

    private static ConflictException TooMany(int added, int connected) => new(
        $"An account connects at most {MaxConnectionsPerAccount} Facebook Pages; it has {connected}, and this would add {added}. Disconnect Pages it no longer needs, or choose fewer with page_ids.");

    public Task<IReadOnlyList<FacebookConnection>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        store.ListAsync(accountId, cancellationToken);

    public async Task<FacebookConnection> GetAsync(string accountId, string connectionId, CancellationToken cancellationToken) =>
        FacebookIds.IsWellFormed(connectionId) && await store.FindAsync(accountId, connectionId, cancellationToken) is { } connection
            ? connection
            : throw NotFound(connectionId);

    /// <summary>Disconnects the Page; its forms stay configured but inactive, so connecting it again and re-activating them resumes where they stopped.</summary>
    public async Task DeleteAsync(string accountId, string connectionId, CancellationToken cancellationToken)
    {
        await GetAsync(accountId, connectionId, cancellationToken);
        foreach (var form in (await forms.ListAsync(accountId, cancellationToken)).Where(f => f.PageId == connectionId && f.IsActive))
        {
            for (var current = form; current is not null && current.IsActive;)
            {
                if (await forms.TryReplaceAsync(current with { IsActive = false, Updated = clock.GetUtcNow(), LastError = "The Page was disconnected." }, cancellationToken) is not null)
                {
                    break;
                }

                current = await forms.FindAsync(accountId, form.FormId, cancellationToken);
            }
        }

        await store.DeleteAsync(accountId, connectionId, cancellationToken);
    }

    /// <summary><c>GET /{page-id}/leadgen_forms</c> with the connection's token.</summary>
    public async Task<IReadOnlyList<GraphForm>> ListPageFormsAsync(string accountId, string connectionId, CancellationToken cancellationToken)
    {
        var connection = await GetAsync(accountId, connectionId, cancellationToken);
        if (connection.Status == ConnectionStatus.NeedsReauthorization)
        {
            throw new ConflictException($"The Page {connectionId} needs to be connected again: {connection.StatusReason}");
        }

        return await GraphCalls.RunAsync(() => graph.ListFormsAsync(connection.PageId, tokens.Reveal(connection), cancellationToken));
    }

    private static ResourceNotFoundException NotFound(string connectionId) =>
        new($"Facebook connection '{MessageText.Clip(connectionId)}' was not found.");
}
