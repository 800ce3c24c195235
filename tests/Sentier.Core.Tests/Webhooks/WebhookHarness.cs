using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sentier.Core.Common;
using Sentier.Core.Security;
using Sentier.Core.Tests.Contacts;
using Sentier.Core.Tests.Security;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// <see cref="WebhookService"/> wired by hand against the test Azurite for one fresh account, on a
/// fake clock (the sender keeps the real one: its timeouts are real). Reads the account's
/// partition row by row, because "nothing changed" and "never stored in clear" are promises about
/// what storage holds.
/// </summary>
internal sealed class WebhookHarness
{
    public const string Url = "https://hooks.example.com/sentier";

    private static readonly Lazy<Task<TableServiceClient>> ReadyTables = new(TestStorage.ReadyTablesAsync);

    private WebhookHarness(TableServiceClient tables, FakeTimeProvider time, SecretProtector protector, string accountId, bool allowHttp)
    {
        Tables = tables;
        Time = time;
        Protector = protector;
        AccountId = accountId;
        AllowHttp = allowHttp;
        Store = new WebhookStore(tables);
        var options = new WebhookOptions { AllowHttp = allowHttp, AllowedNetworks = "127.0.0.0/8,::1" };
        Sender = SenderHarness.Sender(allowHttp: allowHttp);
        Service = new WebhookService(Store, protector, Sender, new OutboundAddressPolicy(options.ParseAllowedNetworks()), Options.Create(options), time);
    }

    public string AccountId { get; }

    public bool AllowHttp { get; }

    public TableServiceClient Tables { get; }

    public FakeTimeProvider Time { get; }

    public SecretProtector Protector { get; }

    public WebhookStore Store { get; }

    public WebhookSender Sender { get; }

    public WebhookService Service { get; }

    public static async Task<WebhookHarness> CreateAsync(bool allowHttp = true) =>
        new(await ReadyTables.Value, new FakeTimeProvider(ContactHarness.Start), SecretProtectorRoundTrip.NewProtector(), ContactHarness.NewAccountId(), allowHttp);

    /// <summary>The same storage, clock and key for a different, fresh account.</summary>
    public WebhookHarness AnotherAccount() => new(Tables, Time, Protector, ContactHarness.NewAccountId(), AllowHttp);

    /// <summary>Another instance of the app on the same account (its own service objects).</summary>
    public WebhookHarness AnotherInstance(TableServiceClient? tables = null) => new(tables ?? Tables, Time, Protector, AccountId, AllowHttp);

    /// <summary>A valid body with <paramref name="overrides"/> laid over it (a null value removes the field).</summary>
    public static JsonBody Body(object? overrides = null)
    {
        var fields = new Dictionary<string, object?> { ["name"] = "CRM sync", ["url"] = Url, ["event_type"] = "contact_change" };
        if (overrides is not null)
        {
            foreach (var property in System.Text.Json.JsonSerializer.SerializeToElement(overrides).EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : property.Value;
            }
        }

        return ContactHarness.Body(fields.Where(field => field.Value is not null).ToDictionary());
    }

    public Task<(WebhookSubscription Subscription, string Secret)> CreateAsync(object? overrides = null) =>
        Service.CreateAsync(AccountId, Body(overrides), CancellationToken.None);

    public Task<WebhookSubscription> UpdateAsync(long id, object body) =>
        Service.UpdateAsync(AccountId, Id(id), ContactHarness.Body(body), CancellationToken.None);

    public Task<WebhookSubscription> GetAsync(long id) => Service.GetAsync(AccountId, Id(id), CancellationToken.None);

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(WebhookFilter? filter = null) =>
        (await Service.ListAsync(AccountId, filter ?? WebhookFilter.None, ContactHarness.Page(1, 100), CancellationToken.None)).Items;

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every row of the account's partition, each as its keys and properties in one comparable string.</summary>
    public async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        await foreach (var row in Store.Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AccountId}")))
        {
            rows.Add(row.RowKey + ": " + string.Join(", ", row.Keys.Where(key => key != "odata.etag").Order().Select(key => $"{key}={row[key]}")));
        }

        return rows;
    }
}
