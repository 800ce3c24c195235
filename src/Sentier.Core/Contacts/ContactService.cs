using System.Globalization;
using Sentier.Core.Common;
using Sentier.Core.Groups;
using Sentier.Core.Storage;

namespace Sentier.Core.Contacts;

/// <summary>The contacts API: lookups, lists and single-contact writes of one account.</summary>
public sealed class ContactService(ContactStore store, ContactWriter writer, GroupStore groups, PhoneNumberNormalizer phones, TimeProvider clock)
{
    /// <summary>Rows joined with their contacts per round of point reads when a list needs contact data.</summary>
    private const int JoinChunkSize = 50;

    /// <summary>A contact write from a request body, validated and normalised with the account's phone region.</summary>
    public ContactPatch ParsePatch(JsonBody body) => ContactPatch.Parse(body, phones);

    /// <summary>The list filters of <c>GET contacts</c> and <c>GET groups/{id}/members</c> from their query values.</summary>
    public ContactQuery ParseQuery(IEnumerable<string> customerStates, string? searchTerm, string? fromDate, string? toDate) =>
        ContactQuery.Parse(customerStates, searchTerm, fromDate, toDate, phones);

    public Task<UpsertResult> UpsertAsync(string accountId, JsonBody body, ChangeContext context, CancellationToken cancellationToken) =>
        writer.UpsertAsync(accountId, ParsePatch(body), context, groupId: null, cancellationToken);

    public async Task<Contact> GetAsync(string accountId, string idOrEmail, CancellationToken cancellationToken) =>
        await writer.FindAsync(accountId, Locate(idOrEmail), cancellationToken) ?? throw NotFound(idOrEmail);

    /// <summary>A partial update; <c>is_deleted: true</c> deletes. Returns the contact and whether it was deleted.</summary>
    public async Task<(Contact Contact, bool Deleted)> UpdateAsync(
        string accountId, string idOrEmail, JsonBody body, ChangeContext context, CancellationToken cancellationToken)
    {
        var contactRef = Locate(idOrEmail);
        var patch = ParsePatch(body);
        var contact = await writer.ModifyAsync(
            accountId,
            contactRef,
            existing => patch.IsDeleted ? null : patch.ApplyTo(existing, existing.Id, clock.GetUtcNow(), context.Source, context.AppId),
            context,
            cancellationToken);
        return (contact ?? throw NotFound(idOrEmail), patch.IsDeleted);
    }

    public async Task DeleteAsync(string accountId, string idOrEmail, ChangeContext context, CancellationToken cancellationToken)
    {
        _ = await writer.ModifyAsync(accountId, Locate(idOrEmail), _ => null, context, cancellationToken) ?? throw NotFound(idOrEmail);
    }

    public async Task<ItemPage<Contact>> ListAsync(string accountId, ContactQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        if (query.Email is not null || query.Sms is not null)
        {
            return await ExactMatchAsync(accountId, query, _ => true, page, cancellationToken);
        }

        var range = new KeyRange(accountId, ContactKeys.ContactPrefix, query.PropertyFilter);
        if (!query.HasTextSearch)
        {
            return await PartitionPager.ReadAsync(store.Table, range, page, ContactEntity.FromEntity, cancellationToken);
        }

        var rows = PartitionPager.QueryAsync(store.Table, range, page.ContinueAfterRowKey, 1000, cancellationToken)
            .Select(row => (row.RowKey, ContactEntity.FromEntity(row)));
        return await PartitionPager.PageAsync(rows, page, query.Matches, cancellationToken);
    }

    /// <summary>The groups a contact belongs to, with their counters.</summary>
    public async Task<IReadOnlyList<Group>> GroupsOfAsync(string accountId, string idOrEmail, CancellationToken cancellationToken)
    {
        var contact = await GetAsync(accountId, idOrEmail, cancellationToken);
        return await groups.FindManyAsync(accountId, contact.GroupIds, cancellationToken);
    }

    /// <summary>Contacts who stopped receiving email in the window, in the order they did, from the unsubscribe index.</summary>
    public Task<ItemPage<Contact>> UnsubscribersAsync(
        string accountId, string? fromDate, string? toDate, PageRequest page, CancellationToken cancellationToken)
    {
        var window = ParseQuery([], null, fromDate, toDate);
        var from = ContactKeys.UnsubscribedAt(window.FromDate ?? DateTimeOffset.MinValue);
        var to = ContactKeys.UnsubscribedAt(window.ToDate is { } end && end < DateTimeOffset.MaxValue ? end.AddTicks(1) : DateTimeOffset.MaxValue);
        return ListReferencedAsync(accountId, KeyRange.Between(accountId, from, to), ContactQuery.Empty, _ => true, page, cancellationToken);
    }

    /// <summary>
    /// A page of the contacts that the rows of <paramref name="range"/> point to (member rows,
    /// unsubscribe rows: the contact id ends each key), in the range's order. Without filters a
    /// deep page walks those keys only and reads one page of contacts; filters need the contact
    /// data, so they read the contacts of every row before the page. <paramref name="inScope"/>
    /// is what a row of the range guarantees (membership), checked when an exact search skips the range.
    /// </summary>
    public async Task<ItemPage<Contact>> ListReferencedAsync(
        string accountId, KeyRange range, ContactQuery query, Func<Contact, bool> inScope, PageRequest page, CancellationToken cancellationToken)
    {
        if (query.Email is not null || query.Sms is not null)
        {
            return await ExactMatchAsync(accountId, query, inScope, page, cancellationToken);
        }

        var filtered = query != ContactQuery.Empty;
        var after = page.ContinueAfterRowKey;
        if (!filtered)
        {
            var start = await PartitionPager.StartAfterAsync(store.Table, range, page, cancellationToken);
            if (!start.Found)
            {
                return new ItemPage<Contact>([], null);
            }

            after = start.RowKey;
            page = page with { Page = 1 };
        }

        var rows = PartitionPager.JoinAsync(
            PartitionPager.QueryAsync(store.Table, range, after, filtered ? 1000 : page.Limit + 1, cancellationToken),
            filtered ? JoinChunkSize : page.Limit + 1,
            chunk => store.FindManyAsync(accountId, chunk.Select(row => ContactKeys.ContactIdOf(row.RowKey)).ToList(), cancellationToken),
            cancellationToken);
        return await PartitionPager.PageAsync(rows, page, filtered ? query.Matches : null, cancellationToken);
    }

    /// <summary>Contacts who may receive email and were created in the window.</summary>
    public Task<ItemPage<Contact>> SubscribersAsync(
        string accountId, string? fromDate, string? toDate, PageRequest page, CancellationToken cancellationToken) =>
        ListAsync(accountId, ParseQuery(["ACTIVE"], null, fromDate, toDate), page, cancellationToken);

    /// <summary>An exact email or number is one index read, however large the account: a page of 0 or 1.</summary>
    private async Task<ItemPage<Contact>> ExactMatchAsync(
        string accountId, ContactQuery query, Func<Contact, bool> inScope, PageRequest page, CancellationToken cancellationToken)
    {
        var found = await writer.FindByIdentityAsync(accountId, query.Email, query.Sms, cancellationToken);
        var isFirstPage = page.Skip == 0 && page.ContinueAfterRowKey is null;
        return new ItemPage<Contact>(found is not null && inScope(found) && query.Matches(found) && isFirstPage ? [found] : [], null);
    }

    /// <summary>
    /// The contact a route names: the integer id, or the contact's email (ActiveTrail accepts both).
    /// Anything else cannot name a contact and is a 404 without touching storage keys.
    /// </summary>
    public static ContactRef Locate(string idOrEmail)
    {
        // Taken as routing decoded it, never decoded again: a second decoding could turn one
        // contact's address into another's. (An address with "/" is reached by its id.)
        var text = (idOrEmail ?? "").Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return ContactRef.ById(id);
        }

        if (text.Contains('%'))
        {
            // Routing leaves %2F encoded but decodes %25, so "%2F" here could be "/" or a literal
            // "%2F"; rather than risk naming another contact, such an address is reached by its id.
            throw new ResourceNotFoundException(
                $"Contact '{MessageText.Clip(text)}' was not found; an address containing '/' or '%' is reached by its id.");
        }

        return EmailAddress.TryNormalize(text, out var email, out _) ? ContactRef.ByEmail(email) : throw NotFound(idOrEmail ?? "");
    }

    private static ResourceNotFoundException NotFound(string idOrEmail) =>
        new($"Contact '{MessageText.Clip(idOrEmail)}' was not found.");
}
