using System.Text.Json;
using Sentier.Core.Common;
using Sentier.Core.Groups;

namespace Sentier.Core.Contacts;

/// <summary>
/// <c>POST contacts/Import</c>: up to 1,000 contacts upserted and added to one group. Contacts are
/// packed into entity-group transactions of up to 100 operations (about 32 new contacts each) and
/// under the transaction's byte limit (fewer when contacts are large).
/// The first attempt assumes the contacts are new and reads nothing; a transaction that fails
/// because one of them exists switches the rest of the import to reading before writing. A
/// contact that cannot be imported is reported by its index and the others still are; so are the
/// rows not yet written when the group is deleted during the import (each transaction that adds
/// memberships fails once the delete has begun).
/// </summary>
public sealed class ContactImporter(
    ContactStore store, GroupStore groups, ContactWriter writer, IdAllocator ids, PhoneNumberNormalizer phones, TimeProvider clock)
{
    public const int MaxContacts = 1000;

    /// <summary>Transactions of one import in flight at once.</summary>
    private const int Parallelism = 2;
    private const int MaxAttemptsPerChunk = 4;

    /// <summary>New contacts with an email fill one transaction with 32 (3 rows each, plus a counter and a change row).</summary>
    private const int ContactsPerChunk = 32;

    public async Task<ImportResult> ImportAsync(string accountId, JsonBody body, ChangeContext context, CancellationToken cancellationToken)
    {
        var groupId = body.GetInteger("group") ?? throw new InvalidRequestException("'group' is required: the id of the group to import into.");
        // Checked for its type, then ignored: this service has no mailing lists (docs/api.md).
        _ = body.GetInteger("mailing_list");
        var items = body.GetArray("contacts", MaxContacts) ?? throw new InvalidRequestException("'contacts' is required: an array of contacts.");
        if (groupId <= 0 || !await groups.ExistsAsync(accountId, groupId, cancellationToken))
        {
            throw new ResourceNotFoundException($"Group '{groupId}' was not found.");
        }

        return await ImportAsync(accountId, groupId, items, context, cancellationToken);
    }

    /// <summary>
    /// Imports contact objects (as <c>contacts[]</c> of the request holds them) into the group when
    /// one is given; the caller has checked that it exists. Integrations (Facebook leads) write
    /// through here, so their contacts are validated, written and announced as an import's are.
    /// </summary>
    public async Task<ImportResult> ImportAsync(
        string accountId, long? groupId, IReadOnlyList<JsonElement> items, ChangeContext context, CancellationToken cancellationToken)
    {
        if (items.Count > MaxContacts)
        {
            throw new InvalidRequestException($"At most {MaxContacts} contacts are imported at once.");
        }

        var run = new ImportRun(items.Count);
        var units = Parse(items, run);
        if (units.Count == 0)
        {
            return run.Result();
        }

        // One reservation for every row: rows that turn out to exist leave gaps, never repeats.
        var firstId = await ids.ReserveAsync(accountId, IdAllocator.ContactSequence, units.Count, cancellationToken);
        var nextId = firstId - 1;
        long NewId() => Interlocked.Increment(ref nextId);

        var assumeNew = true;
        await Parallel.ForEachAsync(
            units.Where(unit => !unit.Deferred).Chunk(ContactsPerChunk),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                for (var attempt = 0; attempt < MaxAttemptsPerChunk; attempt++)
                {
                    var readFirst = !Volatile.Read(ref assumeNew) || attempt > 0;
                    try
                    {
                        if (await TryImportChunkAsync(accountId, chunk, groupId, readFirst, context, NewId, run, token))
                        {
                            return;
                        }
                    }
                    catch (RequestTooLargeException)
                    {
                        // A transaction was refused as too large: the rows not yet written go one
                        // by one, so only a row too large on its own fails, with its own message.
                        break;
                    }

                    // One of them exists (or another writer moved it): from now on, read before writing.
                    Volatile.Write(ref assumeNew, false);
                }

                foreach (var unit in chunk)
                {
                    await ImportOneAsync(accountId, unit, groupId, context, run, token);
                }
            });

        // Rows that name a contact another row of this request also names go one by one, in order.
        foreach (var unit in units.Where(unit => unit.Deferred || run.IsPostponed(unit.Index)))
        {
            await ImportOneAsync(accountId, unit, groupId, context, run, cancellationToken);
        }

        return run.Result();
    }

    private List<ImportUnit> Parse(IReadOnlyList<JsonElement> items, ImportRun run)
    {
        var units = new List<ImportUnit>();
        var byIdentity = new Dictionary<string, ImportUnit>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            ContactPatch patch;
            try
            {
                patch = ContactPatch.Parse(JsonBody.FromObject(items[index], $"contacts[{index}]"), phones).RequireIdentity();
                if (patch.IsDeleted)
                {
                    throw new InvalidRequestException("'is_deleted: true' deletes contacts; Import only adds and updates them.");
                }
            }
            catch (InvalidRequestException ex)
            {
                run.Fail(index, EmailOf(items[index]), ex);
                continue;
            }

            var keys = new[] { patch.Email is null ? null : "e:" + patch.Email, patch.Sms is null ? null : "s:" + patch.Sms }.OfType<string>().ToList();
            var unit = new ImportUnit(index, patch);
            if (keys.Any(byIdentity.ContainsKey))
            {
                // A contact named twice in one transaction would be two operations on one row.
                unit.Deferred = true;
            }

            foreach (var key in keys)
            {
                byIdentity.TryAdd(key, unit);
            }

            units.Add(unit);
        }

        return units;
    }

    /// <summary>
    /// Writes a chunk in as few transactions as it needs; false when a transaction lost a race and
    /// nothing of it was written. When the group was deleted meanwhile, the rows not yet written
    /// are reported as failed and the chunk is done.
    /// </summary>
    private async Task<bool> TryImportChunkAsync(
        string accountId, ImportUnit[] chunk, long? groupId, bool readFirst, ChangeContext context, Func<long> newId, ImportRun run, CancellationToken cancellationToken)
    {
        var existing = readFirst ? await ReadExistingAsync(accountId, chunk, run, cancellationToken) : new Dictionary<ImportUnit, Contact?>();
        var now = clock.GetUtcNow();
        var pending = new List<(ImportUnit Unit, Contact? Before, Contact After)>();
        var contactIds = new HashSet<long>();
        foreach (var unit in chunk)
        {
            if (run.HasFailed(unit.Index) || run.IsDone(unit.Index))
            {
                continue;
            }

            var before = existing.GetValueOrDefault(unit);
            if (before is not null && !contactIds.Add(before.Id))
            {
                // Two rows found one contact (one by email, one by number): a transaction may not
                // name a row twice, so the later row waits and is written on its own.
                run.Postpone(unit.Index);
                continue;
            }

            try
            {
                var after = unit.Patch.ApplyTo(before, before?.Id ?? unit.NewId(newId), now, context.Source, context.AppId);
                if (groupId is { } group && !after.GroupIds.Contains(group))
                {
                    after = after.JoiningGroup(group);
                }

                if (before is not null && after.IsUnchangedFrom(before))
                {
                    run.Updated(unit.Index, before.Id);
                    continue;
                }

                pending.Add((unit, before, after));
            }
            catch (SentierException ex)
            {
                run.Fail(unit.Index, unit.Patch.ReportedEmail, ex);
            }
        }

        var written = 0;
        foreach (var (batch, count) in ContactBatch.Pack(
            pending.Select(item => (item.Before, (Contact?)item.After)), () => new ContactBatch(accountId, context.Source, context.AppId, clock.GetUtcNow())))
        {
            if (!await store.TrySubmitAsync(batch, cancellationToken))
            {
                if (groupId is not { } group || await groups.AcceptsMembersAsync(accountId, group, cancellationToken))
                {
                    return false;
                }

                var deleted = GroupStore.DeletedMeanwhile(group);
                foreach (var item in pending.Skip(written))
                {
                    run.Fail(item.Unit.Index, item.Unit.Patch.ReportedEmail, deleted);
                }

                return true;
            }

            foreach (var item in pending.GetRange(written, count))
            {
                if (item.Before is null)
                {
                    run.Created(item.Unit.Index, item.After.Id);
                }
                else
                {
                    run.Updated(item.Unit.Index, item.After.Id);
                }
            }

            written += count;
        }

        return true;
    }

    private async Task<Dictionary<ImportUnit, Contact?>> ReadExistingAsync(string accountId, ImportUnit[] chunk, ImportRun run, CancellationToken cancellationToken)
    {
        var found = new Dictionary<ImportUnit, Contact?>();
        await Parallel.ForEachAsync(
            chunk.Where(unit => !run.HasFailed(unit.Index) && !run.IsDone(unit.Index)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (unit, token) =>
            {
                try
                {
                    var contact = await writer.FindByIdentityAsync(accountId, unit.Patch.Email, unit.Patch.Sms, token);
                    lock (found)
                    {
                        found[unit] = contact;
                    }
                }
                catch (ConflictException ex)
                {
                    run.Fail(unit.Index, unit.Patch.ReportedEmail, ex);
                }
            });
        return found;
    }

    private async Task ImportOneAsync(string accountId, ImportUnit unit, long? groupId, ChangeContext context, ImportRun run, CancellationToken cancellationToken)
    {
        if (run.HasFailed(unit.Index) || run.IsDone(unit.Index))
        {
            return;
        }

        try
        {
            var result = await writer.UpsertAsync(accountId, unit.Patch, context, groupId, cancellationToken);
            if (result.Outcome == UpsertOutcome.Created)
            {
                run.Created(unit.Index, result.Contact.Id);
            }
            else
            {
                run.Updated(unit.Index, result.Contact.Id);
            }
        }
        catch (SentierException ex)
        {
            run.Fail(unit.Index, unit.Patch.ReportedEmail, ex);
        }
    }

    /// <summary>The email of a row that failed, to report it; the row may be malformed in any way.</summary>
    private static string? EmailOf(JsonElement item)
    {
        try
        {
            return item.ValueKind == JsonValueKind.Object
                && item.EnumerateObject().FirstOrDefault(p => p.Name.Equals("email", StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } property
                    ? MessageText.Clip(property.Value.GetString()!)
                    : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private sealed class ImportUnit(int index, ContactPatch patch)
    {
        private long? _newId;

        public int Index => index;

        public ContactPatch Patch => patch;

        public bool Deferred { get; set; }

        /// <summary>Keeps the id given on a first attempt, so a retry does not burn another.</summary>
        public long NewId(Func<long> allocate) => _newId ??= allocate();
    }

    /// <summary>The outcome of each row of one import; rows are written from several tasks.</summary>
    private sealed class ImportRun(int count)
    {
        private readonly RowOutcome[] _outcomes = new RowOutcome[count];
        private readonly long?[] _contactIds = new long?[count];
        private readonly Dictionary<int, ImportFailure> _failures = [];

        private enum RowOutcome
        {
            Pending,
            Created,
            Updated,
            Postponed,
        }

        public void Created(int index, long contactId)
        {
            _outcomes[index] = RowOutcome.Created;
            _contactIds[index] = contactId;
        }

        public void Updated(int index, long contactId)
        {
            _outcomes[index] = RowOutcome.Updated;
            _contactIds[index] = contactId;
        }

        public bool IsDone(int index) => _outcomes[index] is RowOutcome.Created or RowOutcome.Updated;

        public void Postpone(int index) => _outcomes[index] = RowOutcome.Postponed;

        public bool IsPostponed(int index) => _outcomes[index] == RowOutcome.Postponed;

        public bool HasFailed(int index)
        {
            lock (_failures)
            {
                return _failures.ContainsKey(index);
            }
        }

        public void Fail(int index, string? email, SentierException reason)
        {
            lock (_failures)
            {
                _failures[index] = new ImportFailure(index, email, reason.Message)
                {
                    // Only what the row holds, or a conflict in the data, makes it fail again; a lost race or a group deleted meanwhile may not.
                    IsInvalidRow = reason is InvalidRequestException or RequestTooLargeException or ConflictException { IsLasting: true },
                };
            }
        }

        public ImportResult Result() => new(
            _outcomes.Count(outcome => outcome == RowOutcome.Created),
            _outcomes.Count(outcome => outcome == RowOutcome.Updated),
            _failures.Values.OrderBy(failure => failure.Index).ToList())
        {
            ContactIds = _contactIds,
        };
    }
}

public sealed record ImportFailure(int Index, string? Email, string Message)
{
    /// <summary>The row itself was refused (a bad email or number, a value too long): importing it again fails again.</summary>
    public bool IsInvalidRow { get; init; }
}

/// <summary>How many contacts were created and updated, and which rows failed and why.</summary>
public sealed record ImportResult(int Created, int Updated, IReadOnlyList<ImportFailure> Failed)
{
    /// <summary>The contact each row created or updated, by row index; null for a row that failed.</summary>
    public IReadOnlyList<long?> ContactIds { get; init; } = [];
}
