using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Groups;
using Sentier.Core.Storage;
using Sentier.Testing;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// The contact and group classes wired by hand against the test Azurite, on a fake clock, for one
/// fresh account. Besides the services it reads the account's partition row by row, because the
/// promises of this feature (one contact per email, counters that add up, transactions that write
/// all or nothing) are about what storage holds, not about what a service answers. Not a test
/// class: each test builds one, so parallel tests never share an account.
/// </summary>
internal sealed class ContactHarness
{
    public static readonly DateTimeOffset Start = new(2032, 3, 4, 5, 6, 7, TimeSpan.Zero);

    /// <summary>Changes made through the API by one app, as most tests make them.</summary>
    public static readonly ChangeContext Api = new(ChangeSource.Api, "test-app");

    /// <summary>How clients send text: UTF-8, not <c>\u</c> escapes (a raw-JSON field such as <c>double_optin</c> is stored as sent).</summary>
    public static readonly JsonSerializerOptions ClientJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<Task<TableServiceClient>> ReadyTables = new(TestStorage.ReadyTablesAsync);

    private static readonly string[] KnownPrefixes =
    [
        ContactKeys.ContactPrefix, ContactKeys.EmailPrefix, ContactKeys.SmsPrefix, ContactKeys.MemberPrefix, ContactKeys.GroupPrefix, ContactKeys.JoinGuardPrefix,
        ContactKeys.CounterPrefix, ContactKeys.ChangePrefix, ContactKeys.DispatchedPrefix, ContactKeys.UnsubscribedPrefix, ContactKeys.AllocatorPrefix, ContactKeys.FieldLabels,
    ];

    private ContactHarness(TableServiceClient tables, FakeTimeProvider time, string accountId, IChangeRecordObserver? changes = null)
    {
        Tables = tables;
        Time = time;
        AccountId = accountId;
        Store = new ContactStore(tables, changes ?? UndispatchedChanges.Instance);
        Ids = new IdAllocator(Store);
        GroupStore = new GroupStore(Store);
        Writer = new ContactWriter(Store, GroupStore, Ids, time);
        Contacts = new ContactService(Store, Writer, GroupStore, Phones, time);
        Purge = new GroupPurge(GroupStore, Store, Writer, time);
        Importer = new ContactImporter(Store, GroupStore, Writer, Ids, Phones, time);
        Groups = new GroupService(GroupStore, Purge, Writer, Contacts, Ids, time);
        Fields = new ContactFieldService(Store);
    }

    /// <summary>A new random account id (32 hex characters, as the service issues them); no account row is needed.</summary>
    public string AccountId { get; }

    public TableServiceClient Tables { get; }

    public FakeTimeProvider Time { get; }

    public PhoneNumberNormalizer Phones { get; } = new("IL");

    public ContactStore Store { get; }

    public GroupPurge Purge { get; }

    public IdAllocator Ids { get; }

    public ContactWriter Writer { get; }

    public GroupStore GroupStore { get; }

    public ContactService Contacts { get; }

    public ContactImporter Importer { get; }

    public GroupService Groups { get; }

    public ContactFieldService Fields { get; }

    public TableClient Table => Store.Table;

    public static async Task<ContactHarness> CreateAsync() => new(await ReadyTables.Value, new FakeTimeProvider(Start), NewAccountId());

    public static string NewAccountId() => Guid.NewGuid().ToString("N");

    /// <summary>Another instance of the app on the same account and clock: its own id blocks, and storage reached through <paramref name="tables"/> if given.</summary>
    public ContactHarness AnotherInstance(TableServiceClient? tables = null) => new(tables ?? Tables, Time, AccountId);

    /// <summary>The same storage and clock for a different, fresh account.</summary>
    public ContactHarness AnotherAccount() => new(Tables, Time, NewAccountId());

    /// <summary>The services of <paramref name="accountId"/> on this storage and clock, telling <paramref name="changes"/> of every commit.</summary>
    public ContactHarness Observed(string accountId, IChangeRecordObserver changes) => new(Tables, Time, accountId, changes);

    public static JsonBody Json(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>A body from an anonymous object, for bodies built in loops (imports of many contacts), in UTF-8 as clients send it.</summary>
    public static JsonBody Body(object value) => JsonBody.Parse(JsonSerializer.SerializeToUtf8Bytes(value, ClientJson));

    public static PageRequest Page(int page, int limit) => new(page, limit, null);

    public async Task<Contact> UpsertAsync(string json) =>
        (await Contacts.UpsertAsync(AccountId, Json(json), Api, CancellationToken.None)).Contact;

    public async Task<Contact> UpdateAsync(long contactId, string json) =>
        (await Contacts.UpdateAsync(AccountId, Id(contactId), Json(json), Api, CancellationToken.None)).Contact;

    public Task<Contact> GetAsync(long contactId) => Contacts.GetAsync(AccountId, Id(contactId), CancellationToken.None);

    public Task<Group> NewGroupAsync(string name = "Group") => Groups.CreateAsync(AccountId, Body(new { name }), CancellationToken.None);

    public Task<Group> GetGroupAsync(long groupId) => Groups.GetAsync(AccountId, Id(groupId), CancellationToken.None);

    public Task<UpsertResult> AddMemberAsync(long groupId, string json) =>
        Groups.AddMemberAsync(AccountId, Id(groupId), Json(json), Api, CancellationToken.None);

    public Task RemoveMemberAsync(long groupId, long contactId) =>
        Groups.RemoveMemberAsync(AccountId, Id(groupId), Id(contactId), Api, CancellationToken.None);

    public Task DeleteGroupAsync(long groupId) => Groups.DeleteAsync(AccountId, Id(groupId), Api, CancellationToken.None);

    public Task<ImportResult> ImportAsync(long groupId, IEnumerable<object> contacts, CancellationToken cancellationToken = default) =>
        Importer.ImportAsync(AccountId, Body(new { group = groupId, contacts }), new ChangeContext(ChangeSource.Import, "test-app"), cancellationToken);

    /// <summary>The path of one row of the account's partition, as <c>StorageTraffic</c> sees a point read of it.</summary>
    public string RowPath(string rowKey) => $"/{StorageNames.ContactsTable}(PartitionKey='{AccountId}',RowKey='{rowKey}')";

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every row of the account's partition whose key starts with <paramref name="prefix"/>, in key order.</summary>
    public async Task<List<TableEntity>> ReadRowsAsync(string prefix = "")
    {
        var rows = new List<TableEntity>();
        await foreach (var row in PartitionPager.QueryAsync(Table, new KeyRange(AccountId, prefix), null, 1000, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The stored contacts, read from their rows (not through a service).</summary>
    public async Task<List<Contact>> ReadContactsAsync() =>
        (await ReadRowsAsync(ContactKeys.ContactPrefix)).Select(ContactEntity.FromEntity).ToList();

    /// <summary>Every row key with its ETag: two snapshots are equal only if no row was added, removed or rewritten.</summary>
    public async Task<List<string>> SnapshotAsync() =>
        (await ReadRowsAsync()).Select(row => $"{row.RowKey} {row.ETag}").ToList();

    /// <summary>A group's members and active members counted from the contacts themselves.</summary>
    public async Task<(long Members, long Active)> RecountAsync(long groupId)
    {
        var members = (await ReadContactsAsync()).Where(contact => contact.GroupIds.Contains(groupId)).ToList();
        return (members.Count, members.Count(contact => contact.IsActive));
    }

    /// <summary>
    /// Checks the partition's invariants from its raw rows: each contact has exactly the email and
    /// sms index rows its values name and no index points elsewhere; member rows mirror the
    /// contacts' group lists both ways; every group's base counters plus its delta rows equal a
    /// recount of its contacts; unsubscribe rows exist exactly for opted-out contacts; nothing is
    /// left of groups that are gone, and only groups that are not being deleted take members. Lists are compared as text so a failure shows what differs.
    /// </summary>
    public async Task AssertConsistentAsync()
    {
        var rows = await ReadRowsAsync();
        Assert.All(rows, row => Assert.Contains(KnownPrefixes, prefix => row.RowKey.StartsWith(prefix, StringComparison.Ordinal)));
        var contacts = rows.Where(row => Has(row, ContactKeys.ContactPrefix)).Select(ContactEntity.FromEntity).ToList();

        Assert.Equal(
            Sorted(contacts.Where(c => c.Email is not null).Select(c => $"{ContactKeys.Email(c.Email!)} -> {c.Id}")),
            Sorted(rows.Where(row => Has(row, ContactKeys.EmailPrefix)).Select(row => $"{row.RowKey} -> {row.GetInt64("ContactId")}")));
        Assert.Equal(
            Sorted(contacts.Where(c => c.Sms is not null).Select(c => $"{ContactKeys.Sms(c.Sms!)} -> {c.Id}")),
            Sorted(rows.Where(row => Has(row, ContactKeys.SmsPrefix)).Select(row => $"{row.RowKey} -> {row.GetInt64("ContactId")}")));

        Assert.All(contacts, c => Assert.Equal(c.GroupIds.Count, c.GroupIds.Distinct().Count()));
        Assert.Equal(
            Sorted(contacts.SelectMany(c => c.GroupIds.Select(groupId => ContactKeys.Member(groupId, c.Id)))),
            Sorted(rows.Where(row => Has(row, ContactKeys.MemberPrefix)).Select(row => row.RowKey)));

        var groupRows = rows.Where(row => Has(row, ContactKeys.GroupPrefix)).ToList();
        var groupIds = groupRows.Select(row => ContactKeys.GroupIdOf(row.RowKey)).ToHashSet();
        Assert.All(contacts, c => Assert.All(c.GroupIds, groupId => Assert.Contains(groupId, groupIds)));
        Assert.Empty(rows.Where(row => Has(row, ContactKeys.CounterPrefix) && !groupIds.Contains(CounterGroupId(row.RowKey))).Select(row => row.RowKey));
        Assert.Equal(
            Sorted(groupRows.Where(row => row.GetBoolean("Deleting") != true).Select(row => ContactKeys.JoinGuard(ContactKeys.GroupIdOf(row.RowKey)))),
            Sorted(rows.Where(row => Has(row, ContactKeys.JoinGuardPrefix)).Select(row => row.RowKey)));

        var stored = groupRows.Select(row =>
        {
            var groupId = ContactKeys.GroupIdOf(row.RowKey);
            var deltas = rows.Where(delta => delta.RowKey.StartsWith(ContactKeys.CountersOf(groupId), StringComparison.Ordinal)).ToList();
            var members = (row.GetInt64("Members") ?? 0) + deltas.Sum(delta => (long)(delta.GetInt32("Members") ?? 0));
            var active = (row.GetInt64("Active") ?? 0) + deltas.Sum(delta => (long)(delta.GetInt32("Active") ?? 0));
            return $"group {groupId}: {members} members, {active} active";
        });
        var recounted = groupIds.Select(groupId =>
            $"group {groupId}: {contacts.Count(c => c.GroupIds.Contains(groupId))} members, {contacts.Count(c => c.GroupIds.Contains(groupId) && c.IsActive)} active");
        Assert.Equal(Sorted(recounted), Sorted(stored));

        Assert.All(contacts, c => Assert.Equal(c.IsOptedOut, c.UnsubscribedAt is not null));
        Assert.Equal(
            Sorted(contacts.Where(c => c.IsOptedOut).Select(c => ContactKeys.Unsubscribed(c.UnsubscribedAt!.Value, c.Id))),
            Sorted(rows.Where(row => Has(row, ContactKeys.UnsubscribedPrefix)).Select(row => row.RowKey)));
    }

    private static bool Has(TableEntity row, string prefix) => row.RowKey.StartsWith(prefix, StringComparison.Ordinal);

    private static long CounterGroupId(string rowKey) =>
        long.Parse(rowKey.AsSpan(ContactKeys.CounterPrefix.Length, 12), CultureInfo.InvariantCulture);

    private static List<string> Sorted(IEnumerable<string> items) => items.Order(StringComparer.Ordinal).ToList();
}
