using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Groups;

namespace Sentier.Core.Facebook;

public enum SyncOutcome
{
    /// <summary>Every lead Graph returned is stored and the checkpoint advanced.</summary>
    Completed,

    /// <summary>Another worker holds the form's lease; this one did nothing but ask it to read once more before it lets go.</summary>
    Busy,

    /// <summary>The form is gone or inactive, or was stopped or moved to another Page mid-sync.</summary>
    NotActive,

    /// <summary>The Page or the app is throttled: nothing was asked of Graph, or Graph said to wait.</summary>
    Throttled,

    /// <summary>The sync stopped with <c>last_error</c> set; the checkpoint did not move.</summary>
    Failed,
}

/// <summary>
/// The sync of one form. It takes the form's lease (an ETag-guarded write on the form row, which
/// expires if the worker dies), reads the leads created after the checkpoint minus an overlap,
/// following <c>paging.next</c> to the end, and for each Graph page: drops the leads recorded
/// already, writes the others through the import path in one batch (source <c>facebook</c>, so
/// they raise the same events as any import), then records each lead with its contact or the
/// reason it was skipped. The checkpoint moves only when every page is stored, so a worker that
/// dies mid-sync leaves the next one to read the same window again, where the lead records keep
/// every lead from landing twice. The lease is renewed right before each page is stored, so a
/// worker whose lease lapsed while it waited on Graph writes nothing of that page.
/// </summary>
public sealed class FacebookFormSync(
    FacebookFormStore forms,
    FacebookConnectionStore connections,
    FacebookLeadStore leads,
    FacebookGraphClient graph,
    FacebookSyncQueue queue,
    PageTokens tokens,
    ContactImporter importer,
    GroupStore groups,
    TimeProvider clock,
    IOptions<FacebookOptions> options,
    ILogger<FacebookFormSync> logger)
{
    private readonly TimeSpan _leaseDuration = options.Value.SyncLeaseDuration;

    /// <summary>
    /// How far before the checkpoint each sync reads again. The filter is strictly greater than a
    /// whole second, and Graph can show a lead some time after its creation time.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(15);

    /// <summary>How far back the first sync reads when the form names no <c>since</c>: what Facebook keeps.</summary>
    public static readonly TimeSpan DefaultBackfill = TimeSpan.FromDays(90);

    /// <summary>Where a lead whose <c>created_time</c> Graph sent unreadable is recorded.</summary>
    private static readonly DateTimeOffset UnreadableCreatedTime = DateTimeOffset.UnixEpoch;

    private const string UnreadableCreatedTimeReason = "Graph sent the lead without a readable created_time.";

    private const int MaxLeaseAttempts = 10;

    /// <summary>A requeued message must become visible well before it expires.</summary>
    private static readonly TimeSpan RequeueMargin = TimeSpan.FromMinutes(5);

    /// <summary>Syncs one worker runs back to back for requests that arrived while it held the lease; past them, the next poll reads.</summary>
    private const int MaxRounds = 10;

    private static readonly ChangeContext FacebookChange = new(ChangeSource.Facebook, AppId: null);

    public Task<SyncOutcome> SyncAsync(string accountId, string formId, CancellationToken cancellationToken) =>
        SyncAsync(new FacebookSyncMessage(accountId, formId), cancellationToken);

    /// <summary>Syncs the message's form; the leads a <c>leadgen</c> notification named are read directly first, so a lead older than the window lands too.</summary>
    public async Task<SyncOutcome> SyncAsync(FacebookSyncMessage work, CancellationToken cancellationToken)
    {
        var (accountId, formId) = (work.AccountId, work.FormId);
        // A notification whose leads are all stored needs no window read: that would cost the
        // Page's Graph quota once per lead Meta announces, and flag a running sync for one more round.
        if (work.Leads is { Count: > 0 } announced && await StoreAnnouncedAsync(work, announced, cancellationToken))
        {
            return SyncOutcome.Completed;
        }

        var owner = Guid.NewGuid().ToString("N");
        var (form, refusal) = await AcquireAsync(accountId, formId, owner, cancellationToken);
        if (form is null)
        {
            return refusal;
        }

        for (var round = 1; ; round++)
        {
            var progress = new SyncProgress(form.CheckpointUnix);
            SyncOutcome outcome;
            try
            {
                outcome = await SyncLeasedAsync(form, owner, progress, mayRepeat: round < MaxRounds, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever it was, the form must not stay leased with no word of why: the type names
                // it (a message could quote anything). Once that is written the message is done with:
                // the queue's retries would only repeat it five times and poison it at every poll,
                // while the timer's next poll is the retry.
                logger.LogError(ex, "Facebook form {FormId} of account {AccountId}: the sync stopped on an unexpected {Error}", formId, accountId, ex.GetType().Name);
                return await FinishAsync(form, owner, SyncOutcome.Failed,
                    f => f with { LastError = $"The sync stopped on an unexpected error ({ex.GetType().Name}); the next poll tries again." }, cancellationToken);
            }

            if (outcome != SyncOutcome.Completed
                || await forms.FindAsync(accountId, formId, cancellationToken) is not { } held
                || held.LeaseOwner != owner)
            {
                return outcome;
            }

            // A sync was requested while this one ran, and the lease was kept for it.
            form = held;
        }
    }

    private async Task<SyncOutcome> SyncLeasedAsync(FacebookForm form, string owner, SyncProgress progress, bool mayRepeat, CancellationToken cancellationToken)
    {
        var accountId = form.AccountId;
        var now = clock.GetUtcNow();
        var connection = await connections.FindAsync(accountId, form.PageId, cancellationToken);
        if (connection is null)
        {
            return await FinishAsync(form, owner, SyncOutcome.Failed, f => f with { LastError = $"The Page {f.PageId} is not connected; connect it again." }, cancellationToken);
        }

        if (connection.Status == ConnectionStatus.NeedsReauthorization)
        {
            return await FinishAsync(form, owner, SyncOutcome.Failed,
                f => f with { LastError = $"The Page {f.PageId} needs to be connected again: {connection.StatusReason}" }, cancellationToken);
        }

        if (connection.ThrottledUntil is { } throttledUntil && throttledUntil > now)
        {
            return await FinishAsync(form, owner, SyncOutcome.Throttled, f => f with { NextSyncUtc = throttledUntil }, cancellationToken);
        }

        if (form.GroupId is { } groupId && !await groups.ExistsAsync(accountId, groupId, cancellationToken))
        {
            return await FinishAsync(form, owner, SyncOutcome.Failed,
                f => f with { LastError = $"Group '{groupId}' no longer exists; choose another group for this form." }, cancellationToken);
        }

        var after = form.CheckpointUnix is { } checkpoint
            ? checkpoint - (long)Overlap.TotalSeconds
            : form.Since.ToUnixTimeSeconds();
        try
        {
            await foreach (var page in graph.ReadLeadsAsync(form.FormId, tokens.Reveal(connection), after, cancellationToken))
            {
                // The Graph call may have outlasted the lease and another worker taken the form:
                // the lease is renewed (an ETag-checked write) before anything of the page is written.
                form = await RenewAsync(form, owner, cancellationToken);
                if (!form.IsActive || form.PageId != connection.PageId)
                {
                    // Stopped, or moved to another Page, while Graph answered: this Page's leads are no longer the form's.
                    return await FinishAsync(form, owner, SyncOutcome.NotActive, f => f, cancellationToken);
                }

                if (await StorePageAsync(form, page, progress, cancellationToken) is { LeadIds.Count: > 0 } unwritten)
                {
                    throw new ConflictException($"{unwritten.LeadIds.Count} lead(s) could not be written ({unwritten.Reason}); the next sync tries them again.");
                }
            }
        }
        catch (GraphException ex)
        {
            return await FailOnGraphAsync(form, owner, connection, ex, cancellationToken);
        }
        catch (Exception ex) when (GraphCalls.IsUnreachable(ex))
        {
            logger.LogWarning("Facebook form {FormId} of account {AccountId}: Graph could not be reached ({Error})", form.FormId, accountId, ex.GetType().Name);
            return await FinishAsync(form, owner, SyncOutcome.Failed,
                f => f with { LastError = "Facebook could not be reached; the next poll tries again." }, cancellationToken);
        }
        catch (SentierException ex)
        {
            return await FinishAsync(form, owner, SyncOutcome.Failed, f => f with { LastError = ex.Message }, cancellationToken);
        }
        catch (LeaseLostException)
        {
            logger.LogWarning("Facebook form {FormId} of account {AccountId}: the lease expired mid-sync and another worker took it", form.FormId, accountId);
            return SyncOutcome.Busy;
        }

        var synced = clock.GetUtcNow();
        var asked = false;
        var completed = await UpdateLeasedAsync(form, owner, f =>
        {
            asked = f.ResyncRequested && !mayRepeat;
            var done = f with
            {
                CheckpointUnix = progress.Newest,
                LastLeadCreatedTime = progress.Newest is { } newest ? DateTimeOffset.FromUnixTimeSeconds(newest) : f.LastLeadCreatedTime,
                LastSyncedUtc = synced,
                LastError = f.IsActive ? null : f.LastError,
                NextSyncUtc = null,
                ResyncRequested = false,
            };

            // Checked in the same ETag-guarded write that would release the lease, so a request
            // that arrives while this sync finishes is either seen here or finds the form free.
            return f.ResyncRequested && mayRepeat ? done with { LeaseUntil = clock.GetUtcNow() + _leaseDuration } : done with { LeaseOwner = null, LeaseUntil = null };
        }, cancellationToken);
        if (completed is null)
        {
            return SyncOutcome.Busy;
        }

        if (asked)
        {
            await RequeueAsync(completed, cancellationToken);
        }

        return SyncOutcome.Completed;
    }

    /// <summary>
    /// Reads each announced lead that is not recorded yet with <c>GET /{lead-id}</c> and stores it.
    /// The time filter of the window read cannot see a lead Graph made readable after a newer one
    /// moved the checkpoint more than the overlap; the notification names it. This needs no lease:
    /// it moves no checkpoint, and the records (inserted with their tally) and the contacts' identity
    /// indexes keep a lead that the lease holder stores at the same time to one contact and one count.
    /// A lead that could not be read or written (Graph not showing it yet, a throttle, a 5xx, a
    /// storage error) goes back to the queue in a message of its own, delayed, since neither this
    /// message's requeues nor the window read would ever name it again; past
    /// <see cref="MaxDirectReadAttempts"/> it is given up, logged and named in <c>last_error</c>.
    /// </summary>
    /// <returns>Whether every announced lead is recorded now (or found to be another form's), so the window read has nothing to add for them.</returns>
    private async Task<bool> StoreAnnouncedAsync(FacebookSyncMessage work, IReadOnlyList<AnnouncedLead> announced, CancellationToken cancellationToken)
    {
        var left = announced.DistinctBy(lead => lead.Id).ToList();
        string? failure = null;
        DateTimeOffset? retryAt = null;
        try
        {
            // A form stopped or deleted takes no leads: the sync that follows answers NotActive.
            if (await forms.FindAsync(work.AccountId, work.FormId, cancellationToken) is not { IsActive: true } form)
            {
                return false;
            }

            // A lead whose creation time the notification gives, and that is recorded already, costs no Graph call.
            var dated = left.Where(lead => lead.CreatedTime is not null).Select(lead => (lead.Id, DateTimeOffset.FromUnixTimeSeconds(lead.CreatedTime!.Value))).ToList();
            var recorded = await leads.RecordedAmongAsync(work.AccountId, work.FormId, dated, cancellationToken);
            left.RemoveAll(lead => recorded.Contains(lead.Id));
            if (left.Count == 0)
            {
                return true;
            }

            var connection = await connections.FindAsync(work.AccountId, form.PageId, cancellationToken);
            if (connection is not { Status: ConnectionStatus.Active })
            {
                failure = $"the Page {form.PageId} is not connected or needs to be connected again";
            }
            else if (connection.ThrottledUntil is { } throttledUntil && throttledUntil > clock.GetUtcNow())
            {
                (failure, retryAt) = ("Facebook is throttling the Page", throttledUntil);
            }
            else
            {
                (failure, retryAt, var stopped) = await ReadAndStoreAsync(form, connection, left, cancellationToken);
                if (stopped)
                {
                    return false;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"an unexpected {ex.GetType().Name}";
            logger.LogWarning(ex, "Facebook form {FormId} of account {AccountId}: storing the named leads stopped on an unexpected {Error}", work.FormId, work.AccountId, ex.GetType().Name);
        }

        if (left.Count == 0)
        {
            return true;
        }

        await ResendAsync(work, left, failure ?? "an unknown failure", retryAt, cancellationToken);
        return false;
    }

    /// <summary>Reads the named leads from Graph and stores those of this form; removes from <paramref name="left"/> each lead stored or found to be another form's.</summary>
    /// <returns>Why the others are left, when Graph said to try again, and whether the form stopped meanwhile (then it takes none of them).</returns>
    private async Task<(string? Failure, DateTimeOffset? RetryAt, bool FormStopped)> ReadAndStoreAsync(
        FacebookForm form, FacebookConnection connection, List<AnnouncedLead> left, CancellationToken cancellationToken)
    {
        string? failure = null;
        DateTimeOffset? retryAt = null;
        var token = tokens.Reveal(connection);
        var read = new List<JsonElement>();
        foreach (var lead in left.ToList())
        {
            try
            {
                var found = await graph.GetLeadAsync(lead.Id, token, cancellationToken);
                if (FacebookGraphClient.Text(found, "form_id") == form.FormId)
                {
                    read.Add(found);
                }
                else
                {
                    logger.LogWarning("Facebook form {FormId} of account {AccountId}: the named lead {LeadId} belongs to another form and was dropped", form.FormId, form.AccountId, lead.Id);
                    left.Remove(lead);
                }
            }
            catch (GraphException ex)
            {
                // Graph answers code 100 for a lead it does not show yet: that lead waits, the others are read.
                // Throttling, a refused token or an outage would answer every other lead the same.
                failure = $"Graph answered {ex.Kind} (code {ex.Code}): {ex.Message}";
                retryAt = ex.RetryAt;
                if (ex.Kind != GraphFailureKind.Refused)
                {
                    break;
                }
            }
            catch (Exception ex) when (GraphCalls.IsUnreachable(ex))
            {
                failure = "Facebook could not be reached";
                break;
            }
        }

        // Up to 50 Graph calls took a while: the leads go where the form says now, and only while it
        // still syncs from the Page whose token read them.
        if (read.Count > 0)
        {
            if (await forms.FindAsync(form.AccountId, form.FormId, cancellationToken) is not { IsActive: true } current)
            {
                return (null, null, true);
            }

            if (current.PageId != form.PageId
                || await connections.FindAsync(form.AccountId, current.PageId, cancellationToken) is not { Status: ConnectionStatus.Active } now
                || now.ProtectedToken != connection.ProtectedToken)
            {
                return ("the form's Page or its token changed while the leads were read", null, false);
            }

            form = current;
        }

        var unwritten = await StorePageAsync(form, read, new SyncProgress(checkpoint: null), cancellationToken);
        var stored = read.Select(lead => FacebookGraphClient.Text(lead, "id")).Where(id => id is not null && !unwritten.LeadIds.Contains(id)).ToHashSet(StringComparer.Ordinal);
        left.RemoveAll(lead => stored.Contains(lead.Id));
        return (failure ?? unwritten.Reason, retryAt, false);
    }

    /// <summary>The most tries of one named lead's direct read, the first included: all of them end well within an hour.</summary>
    public const int MaxDirectReadAttempts = 5;

    /// <summary>How long the leads of a message's <paramref name="attempt"/> (0 for the first) wait before their next try, unless Graph said when.</summary>
    public static TimeSpan DirectReadRetryDelay(int attempt) => TimeSpan.FromMinutes(attempt switch { 0 => 1, 1 => 5, _ => 15 });

    private async Task ResendAsync(FacebookSyncMessage work, IReadOnlyList<AnnouncedLead> left, string failure, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var attempt = work.Attempt + 1;
        var ids = string.Join(", ", left.Select(lead => lead.Id));
        if (attempt >= MaxDirectReadAttempts)
        {
            // Recorded as skipped at the time of a lead whose creation time Graph never gave: the
            // reason is listed and counted, and a window read that sees the lead still imports it.
            logger.LogError("Facebook form {FormId} of account {AccountId}: the named lead(s) {LeadIds} could not be stored in {Attempts} tries and were given up; the last failed on {Failure}",
                work.FormId, work.AccountId, ids, MaxDirectReadAttempts, failure);
            var reason = $"Meta's webhook named this lead, but it could not be read and stored in {MaxDirectReadAttempts} tries (the last failed on {failure}).";
            await leads.RecordAsync(work.AccountId, work.FormId,
                [.. left.Select(lead => new LeadRecord(lead.Id, UnreadableCreatedTime, null, MessageText.Clip(reason, 500), clock.GetUtcNow()))], tally: null, cancellationToken);
            return;
        }

        var wait = retryAt is { } at ? at - clock.GetUtcNow() : DirectReadRetryDelay(work.Attempt);
        var delay = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > FacebookSyncQueue.TimeToLive - RequeueMargin ? FacebookSyncQueue.TimeToLive - RequeueMargin : wait;
        await queue.SendAsync(work with { Leads = [.. left], Attempt = attempt }, cancellationToken, delay);
        logger.LogWarning("Facebook form {FormId} of account {AccountId}: the named lead(s) {LeadIds} could not be stored ({Failure}); try {Attempt} of {MaxAttempts} in {Delay}",
            work.FormId, work.AccountId, ids, failure, attempt + 1, MaxDirectReadAttempts, delay);
    }

    /// <returns>The leads left unwritten (a lost race, a storage hiccup): not recorded, so a later try writes them.</returns>
    private async Task<Unwritten> StorePageAsync(FacebookForm form, IReadOnlyList<JsonElement> page, SyncProgress progress, CancellationToken cancellationToken)
    {
        var fresh = new List<(string LeadId, DateTimeOffset Created, JsonElement Lead)>();
        foreach (var lead in page)
        {
            var id = FacebookGraphClient.Text(lead, "id");
            if (!FacebookIds.IsWellFormed(id))
            {
                // Without an id a lead can be neither recorded nor told apart from the next sync's copy.
                logger.LogWarning("Facebook form {FormId}: a lead without a valid id was ignored", form.FormId);
                continue;
            }

            if (LeadMapping.TryParseCreatedTime(FacebookGraphClient.Text(lead, "created_time"), out var created))
            {
                progress.Saw(created);
            }
            else
            {
                // Recorded as skipped at a fixed time, so its key is known before it is looked up and
                // every later sync finds it recorded: it is counted once, and moves no checkpoint.
                created = UnreadableCreatedTime;
            }

            if (progress.Seen.Add(id!))
            {
                fresh.Add((id!, created, lead));
            }
        }

        var recorded = await leads.RecordedAmongAsync(form.AccountId, form.FormId, [.. fresh.Select(l => (l.LeadId, l.Created))], cancellationToken);
        fresh.RemoveAll(lead => recorded.Contains(lead.LeadId));
        if (fresh.Count == 0)
        {
            return Unwritten.None;
        }

        var now = clock.GetUtcNow();
        var records = new LeadRecord?[fresh.Count];
        var rows = new List<JsonElement>();
        var rowOf = new List<int>();
        for (var i = 0; i < fresh.Count; i++)
        {
            var contact = form.Mapping.Map(fresh[i].Lead);
            if (fresh[i].Created == UnreadableCreatedTime || contact.Row is null)
            {
                records[i] = new LeadRecord(fresh[i].LeadId, fresh[i].Created, null, contact.Row is null ? contact.SkipReason : UnreadableCreatedTimeReason, now);
                continue;
            }

            rows.Add(JsonSerializer.SerializeToElement(contact.Row));
            rowOf.Add(i);
        }

        string? unwritten = null;
        var unwrittenIds = new HashSet<string>(StringComparer.Ordinal);
        if (rows.Count > 0)
        {
            var result = await importer.ImportAsync(form.AccountId, form.GroupId, rows, FacebookChange, cancellationToken);
            var failures = result.Failed.ToDictionary(failure => failure.Index);
            for (var row = 0; row < rows.Count; row++)
            {
                var i = rowOf[row];
                if (result.ContactIds[row] is { } contactId)
                {
                    records[i] = new LeadRecord(fresh[i].LeadId, fresh[i].Created, contactId, null, now);
                }
                else if (failures.TryGetValue(row, out var failure) && failure.IsInvalidRow)
                {
                    records[i] = new LeadRecord(fresh[i].LeadId, fresh[i].Created, null, failure.Message, now);
                }
                else
                {
                    // A lost race or a storage hiccup is no reason to skip the lead for good: it stays
                    // unrecorded, and the caller tries it again (a window sync fails, so the checkpoint stays before it).
                    unwritten ??= failure?.Message ?? "The contact could not be written.";
                    unwrittenIds.Add(fresh[i].LeadId);
                }
            }
        }

        // Recorded even when the lease was lost during the import: the contacts are written, and
        // the records (counted in the same transaction) keep any worker from counting them again.
        progress.Tally = await leads.RecordAsync(form.AccountId, form.FormId, [.. records.OfType<LeadRecord>()], progress.Tally, cancellationToken);
        return new Unwritten(unwrittenIds, unwritten);
    }

    private async Task<SyncOutcome> FailOnGraphAsync(
        FacebookForm form, string owner, FacebookConnection connection, GraphException ex, CancellationToken cancellationToken)
    {
        logger.LogWarning("Facebook form {FormId} of account {AccountId}: Graph refused ({Kind}, code {Code}, app-wide limit {AppWide}, fbtrace_id {TraceId})",
            form.FormId, form.AccountId, ex.Kind, ex.Code, ex.AppWide, ex.TraceId);
        switch (ex.Kind)
        {
            case GraphFailureKind.Throttled:
                // Only the connection that saw it backs off, even when Graph says the app's limit is
                // reached: a Page token can come from another Meta app (POST connections takes any
                // token that reads the Page), so one account's token must never pause every account.
                var until = ex.RetryAt ?? clock.GetUtcNow() + GraphFailures.DefaultBackoff;
                await UpdateConnectionAsync(connection, c => c with { ThrottledUntil = Later(c.ThrottledUntil, until) }, cancellationToken);

                return await FinishAsync(form, owner, SyncOutcome.Throttled,
                    f => f with { NextSyncUtc = until, LastError = $"Throttled by Facebook until {ApiDates.Format(until)}Z: {ex.Message}" }, cancellationToken);

            case GraphFailureKind.TokenInvalid:
                await UpdateConnectionAsync(connection, c => c with
                {
                    Status = ConnectionStatus.NeedsReauthorization,
                    StatusReason = ex.Message,
                    Updated = clock.GetUtcNow(),
                }, cancellationToken);
                return await FinishAsync(form, owner, SyncOutcome.Failed,
                    f => f with { LastError = $"Facebook refused the Page token; connect the Page again: {ex.Message}" }, cancellationToken);

            default:
                return await FinishAsync(form, owner, SyncOutcome.Failed, f => f with { LastError = ex.Message }, cancellationToken);
        }
    }

    /// <summary>
    /// Applies what Graph said about the token this sync used. When the row changed meanwhile, the
    /// change is applied again only while the row still holds that token: a Page connected again
    /// has a new token, which Graph's answer about the old one says nothing about.
    /// </summary>
    private async Task UpdateConnectionAsync(FacebookConnection connection, Func<FacebookConnection, FacebookConnection> change, CancellationToken cancellationToken)
    {
        var usedToken = connection.ProtectedToken;
        for (var attempt = 0; attempt < MaxLeaseAttempts; attempt++)
        {
            if (await connections.TryReplaceAsync(change(connection), cancellationToken) is not null
                || await connections.FindAsync(connection.AccountId, connection.PageId, cancellationToken) is not { } current
                || current.ProtectedToken != usedToken)
            {
                return;
            }

            connection = current;
        }
    }

    /// <summary>Takes the lease when the form is active and nobody else holds it (or their lease expired).</summary>
    private async Task<(FacebookForm? Form, SyncOutcome Refusal)> AcquireAsync(string accountId, string formId, string owner, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxLeaseAttempts; attempt++)
        {
            var form = await forms.FindAsync(accountId, formId, cancellationToken);
            var now = clock.GetUtcNow();
            if (form is not { IsActive: true })
            {
                return (null, SyncOutcome.NotActive);
            }

            if (form.IsLeasedAt(now))
            {
                // The holder may have read Graph before the lead that prompted this sync existed: it
                // is asked to read once more before it lets go.
                if (form.ResyncRequested || await forms.TryReplaceAsync(form with { ResyncRequested = true }, cancellationToken) is not null)
                {
                    return (null, SyncOutcome.Busy);
                }

                continue;
            }

            if (await forms.TryReplaceAsync(form with { LeaseOwner = owner, LeaseUntil = now + _leaseDuration, ResyncRequested = false }, cancellationToken) is { } leased)
            {
                return (leased, SyncOutcome.Completed);
            }
        }

        return (null, SyncOutcome.Busy);
    }

    private async Task<FacebookForm> RenewAsync(FacebookForm form, string owner, CancellationToken cancellationToken) =>
        await UpdateLeasedAsync(form, owner, f => f with { LeaseUntil = clock.GetUtcNow() + _leaseDuration }, cancellationToken)
        ?? throw new LeaseLostException(form.FormId);

    /// <summary>Writes the outcome and gives the lease back; when the lease was lost meanwhile, the worker that took it writes instead.</summary>
    private async Task<SyncOutcome> FinishAsync(
        FacebookForm form, string owner, SyncOutcome outcome, Func<FacebookForm, FacebookForm> result, CancellationToken cancellationToken)
    {
        var asked = false;
        var finished = await UpdateLeasedAsync(form, owner, f =>
        {
            asked = f.ResyncRequested;

            // A form stopped meanwhile keeps the reason it was stopped for ("The Page was disconnected.").
            var done = result(f) with { LeaseOwner = null, LeaseUntil = null, ResyncRequested = false };
            return f.IsActive ? done : done with { LastError = f.LastError };
        }, cancellationToken);
        if (finished is null)
        {
            return SyncOutcome.Busy;
        }

        if (asked)
        {
            await RequeueAsync(finished, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A sync was asked for (a webhook's lead, sync now) while this worker held the lease, and this
    /// worker lets go without having served it (it failed, was throttled, or ran its rounds): the
    /// request goes back to the queue, after the back-off when there is one, so it is not left to
    /// the next poll. A back-off longer than a message lives is the poller's to resume.
    /// </summary>
    private async Task RequeueAsync(FacebookForm form, CancellationToken cancellationToken)
    {
        var delay = form.NextSyncUtc - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        if (delay < FacebookSyncQueue.TimeToLive - RequeueMargin)
        {
            await queue.SendAsync(new FacebookSyncMessage(form.AccountId, form.FormId), cancellationToken, delay);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the form row while this worker holds its lease. A
    /// configuration change (PUT) may have replaced the row meanwhile: the change is then applied
    /// to the row as it is now. Null when the lease is no longer this worker's.
    /// </summary>
    private async Task<FacebookForm?> UpdateLeasedAsync(FacebookForm form, string owner, Func<FacebookForm, FacebookForm> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxLeaseAttempts; attempt++)
        {
            if (form.LeaseOwner != owner)
            {
                return null;
            }

            if (await forms.TryReplaceAsync(change(form), cancellationToken) is { } replaced)
            {
                return replaced;
            }

            if (await forms.FindAsync(form.AccountId, form.FormId, cancellationToken) is not { } current)
            {
                return null;
            }

            form = current;
        }

        return null;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private sealed record Unwritten(IReadOnlySet<string> LeadIds, string? Reason)
    {
        public static readonly Unwritten None = new(new HashSet<string>(), null);
    }

    /// <summary>What one sync has read so far.</summary>
    private sealed class SyncProgress(long? checkpoint)
    {
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public long? Newest { get; private set; } = checkpoint;

        /// <summary>The form's lead tally as this sync last wrote it; null until then.</summary>
        public LeadTally? Tally { get; set; }

        public void Saw(DateTimeOffset created) => Newest = Math.Max(Newest ?? 0, created.ToUnixTimeSeconds());
    }
}

/// <summary>Another worker took the form's lease (this one's expired): this worker stops and leaves the form to it.</summary>
public sealed class LeaseLostException(string formId) : Exception($"The lease on Facebook form {formId} was taken by another worker.");
