using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sentier.Core.Common;
using Sentier.Core.Contacts;
using Sentier.Core.Facebook;
using Sentier.Core.Groups;
using Sentier.Core.Storage;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// The app's own composition (<c>AddSentierContacts</c>, <c>AddSentierWebhooks</c>,
/// <c>AddSentierFacebook</c>: the real Graph client with its resilience handler) against the test
/// Azurite and a <see cref="FakeGraphApi"/> on loopback, for one fresh account with one connected
/// Page. Every log line of every category, at every level, is captured. Sync messages go to a
/// queue of this harness's own. Not a test class: each test builds one.
/// </summary>
internal sealed class FacebookHarness : IAsyncDisposable
{
    public const string PageId = "1000000001";
    public const string FormId = "2000000001";

    /// <summary>A second Page of the fake Graph (see <see cref="AddOtherPage"/>) and its form.</summary>
    public const string OtherPageId = "1000000002";

    public const string OtherFormId = "2000000002";

    private FacebookHarness(ServiceProvider services, FakeGraphApi graph, string accountId, string pageToken, CapturedLogs logs)
    {
        Services = services;
        Graph = graph;
        AccountId = accountId;
        PageToken = pageToken;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public FakeGraphApi Graph { get; }

    public string AccountId { get; }

    public string PageToken { get; }

    public CapturedLogs Logs { get; }

    public FacebookFormSync Sync => Services.GetRequiredService<FacebookFormSync>();

    public FacebookFormStore Forms => Services.GetRequiredService<FacebookFormStore>();

    public FacebookConnectionStore Connections => Services.GetRequiredService<FacebookConnectionStore>();

    public FacebookLeadStore Leads => Services.GetRequiredService<FacebookLeadStore>();

    public FacebookSyncQueue Queue => Services.GetRequiredService<FacebookSyncQueue>();

    public ContactWriter Writer => Services.GetRequiredService<ContactWriter>();

    /// <param name="replace">Registrations that replace the app's own (a test's clock, for one).</param>
    public static async Task<FacebookHarness> CreateAsync(Action<IServiceCollection>? replace = null)
    {
        var graph = await FakeGraphApi.StartAsync();
        var logs = new CapturedLogs();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppStorage"] = TestStorage.ConnectionString,
            ["Sentier:EncryptionKey"] = DevHostServer.EncryptionKey,
            ["Facebook:GraphBaseUrl"] = graph.BaseUrl.ToString(),
            ["Facebook:GraphVersion"] = FakeGraphApi.Version,
            ["Facebook:AppId"] = FakeGraphApi.AppId,
            ["Facebook:AppSecret"] = FakeGraphApi.AppSecret,
            ["Facebook:VerifyToken"] = "verify-me",
            ["Facebook:RequestTimeoutSeconds"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSentierStorage(configuration).AddSentierContacts(configuration).AddSentierWebhooks(configuration).AddSentierFacebook(configuration);
        var queueName = "facebook-sync-test-" + Guid.NewGuid().ToString("N")[..12];
        services.AddSingleton(sp => new FacebookSyncQueue(sp.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(queueName)));
        replace?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await TestStorage.ReadyTablesAsync();
        await provider.GetRequiredService<FacebookSyncQueue>().Queue.CreateIfNotExistsAsync();

        var token = "EAApage" + Guid.NewGuid().ToString("N");
        graph.AddPage(PageId, "Dana's Bakery", token);
        graph.AddForm(PageId, FormId, "Spring offer", "email", "full_name", "phone_number", "budget");
        var harness = new FacebookHarness(provider, graph, Guid.NewGuid().ToString("N"), token, logs);
        await harness.ConnectAsync(PageId, token);
        return harness;
    }

    /// <summary>Adds <see cref="OtherPageId"/> with <see cref="OtherFormId"/> to the fake Graph, not connected; returns its token.</summary>
    public string AddOtherPage()
    {
        var token = "EAAother" + Guid.NewGuid().ToString("N");
        Graph.AddPage(OtherPageId, "Other page", token);
        Graph.AddForm(OtherPageId, OtherFormId, "Other form", "email");
        return token;
    }

    public async Task ConnectAsync(string pageId, string token) =>
        await Services.GetRequiredService<FacebookConnectionService>().ConnectAsync(AccountId, Body(new { page_id = pageId, access_token = token }), CancellationToken.None);

    public async Task<long> NewGroupAsync(string name = "Leads") =>
        (await Services.GetRequiredService<GroupService>().CreateAsync(AccountId, Body(new { name }), CancellationToken.None)).Id;

    /// <summary>Configures <see cref="FormId"/> (or another form) the way <c>PUT /api/facebook/forms/{id}</c> does.</summary>
    public async Task<FacebookForm> PutFormAsync(object body, string formId = FormId) =>
        (await Services.GetRequiredService<FacebookFormService>().PutAsync(AccountId, formId, Body(body), CancellationToken.None)).Form;

    public Task<SyncOutcome> SyncAsync(string formId = FormId, CancellationToken cancellationToken = default) =>
        Sync.SyncAsync(AccountId, formId, cancellationToken);

    /// <summary>The form as the API shows it: its row and its lead tally.</summary>
    public async Task<FacebookForm> FormAsync(string formId = FormId) =>
        await Services.GetRequiredService<FacebookFormService>().GetAsync(AccountId, formId, CancellationToken.None);

    /// <summary>Every lead record of the form, newest first.</summary>
    public async Task<List<LeadRecord>> LeadRecordsAsync(string formId = FormId)
    {
        var records = new List<LeadRecord>();
        var page = new PageRequest(1, PageRequest.MaxLimit, null);
        while (true)
        {
            var items = await Leads.ListAsync(AccountId, formId, page, CancellationToken.None);
            records.AddRange(items.Items);
            if (items.Continuation is null)
            {
                return records;
            }

            page = PageRequest.Parse(null, "100", items.Continuation);
        }
    }

    public async Task<Contact?> ContactAsync(string email) => await Writer.FindByIdentityAsync(AccountId, email, null, CancellationToken.None);

    /// <summary>The account's contact rows (the <c>c</c> prefix), one per contact.</summary>
    public async Task<List<TableEntity>> ContactRowsAsync()
    {
        var table = TestStorage.Tables().GetTableClient(StorageNames.ContactsTable);
        var range = new KeyRange(AccountId, ContactKeys.ContactPrefix);
        return await table.QueryAsync<TableEntity>(range.Filter(null)).ToListAsync();
    }

    /// <summary>Adds <paramref name="count"/> valid leads, one a second back from <paramref name="newest"/>.</summary>
    public void AddLeads(int count, DateTimeOffset newest, string prefix = "lead", string formId = FormId, int firstId = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var n = firstId + i;
            Graph.AddLead(formId, (3_000_000_000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture), newest.AddSeconds(-i),
                FakeGraphApi.Answers(("email", $"{prefix}{n}@example.com"), ("full_name", $"Lead {n}")));
        }
    }

    /// <summary>A form id of one test alone: Meta's webhook gets a sync of a form to every account that syncs it.</summary>
    public static string NewFormId() => "5" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds a form of one test alone to the fake Graph's Page and syncs it like <c>PUT /api/facebook/forms/{id}</c> with <paramref name="body"/> (by default only the connection).</summary>
    public async Task<string> NewSyncedFormAsync(object? body = null)
    {
        var formId = NewFormId();
        Graph.AddForm(PageId, formId, "Form " + formId, "email");
        await PutFormAsync(body ?? new { connection_id = PageId }, formId);
        return formId;
    }

    /// <summary>Meta's signed <c>leadgen</c> notification of one lead through the webhook receiver; returns the sync message it enqueued, taken off the queue.</summary>
    public async Task<FacebookSyncMessage> NotifyAsync(string formId, string leadId, long? createdTime)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PageId + "\",\"changes\":[{\"field\":\"leadgen\",\"value\":{\"leadgen_id\":\"" + leadId +
            "\",\"form_id\":\"" + formId + "\",\"created_time\":" + (createdTime?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null") + "}}]}]}");
        var signature = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(FakeGraphApi.AppSecret), body));
        await Services.GetRequiredService<FacebookWebhookReceiver>().ReceiveAsync(body, signature, CancellationToken.None);
        return await ReceiveAsync() ?? throw new InvalidOperationException("The notification enqueued no sync.");
    }

    /// <summary>The next visible sync message, taken off the queue; null when there is none.</summary>
    public async Task<FacebookSyncMessage?> ReceiveAsync()
    {
        if ((await Queue.Queue.ReceiveMessageAsync()).Value is not { } message)
        {
            return null;
        }

        await Queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return FacebookSyncQueue.Read(message.Body);
    }

    public static JsonBody Body(object value) => JsonBody.Parse(JsonSerializer.SerializeToUtf8Bytes(value));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Graph.DisposeAsync();
    }
}

/// <summary>Every log line written, with its exception, as text.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                foreach (var (key, value) in properties)
                {
                    text.Append($" [{key}={value}]");
                }
            }

            if (exception is not null)
            {
                text.Append(' ').Append(exception);
            }

            lines.Enqueue(text.ToString());
        }
    }
}
