using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sentier.Testing;

namespace Sentier.Benchmarks.Scenarios;

/// <summary>
/// Issue #9's Facebook benchmark, through the DevHost's sync queue worker against the fake Graph API
/// on loopback. (1) Bulk: one form with 10,000 leads (100 Graph pages of 100), synced into a group,
/// timed from <c>POST /api/facebook/forms/{id}/sync</c> to the form reporting the sync finished, with
/// every lead a member of the group, against the same 10,000 contacts imported through
/// <c>POST /api/contacts/Import</c> (10 requests of 1,000, one at a time, as the sync writes one Graph
/// page at a time) into a group of another account in the same run, half before and half after the
/// sync. Target ≤ 1.5 × the import. (2) Real time: 100 leads one at a time, each added to the fake and
/// announced by a signed <c>leadgen</c> webhook; from the webhook POST to the contact being readable
/// by its email. Reported as p50/p99 (the issue sets no target for it).
/// </summary>
public sealed class FacebookScenario : IBenchmarkScenario
{
    private const string VerifyToken = "benchmark-verify-token";

    private const int Leads = 10_000;
    private const int ImportRequests = 10;
    private const int ContactsPerRequest = Leads / ImportRequests;
    private const double MaxToImport = 1.5;

    private const int WarmUpLeads = 1_000;
    private const int WebhookLeads = 100;

    /// <summary>
    /// The bulk leads were created before the sync's overlap window (15 minutes), one every five
    /// minutes, as a form's leads are spread over weeks: the webhook-driven syncs that follow read
    /// only the recent ones again, as they would in production.
    /// </summary>
    private static readonly TimeSpan BulkLeadsEndBefore = TimeSpan.FromHours(1);

    private static readonly TimeSpan BulkLeadSpacing = TimeSpan.FromMinutes(5);

    /// <summary>How often a contact is looked up by email while its webhook-driven sync runs (an index point read).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the form is read while the bulk sync runs: 1% of a 10 s sync at most.</summary>
    private static readonly TimeSpan SyncPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a webhook's lead may take to appear before it counts as lost.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Leads carry the questions a SampleContacts row has, so sync and import write the same contacts.</summary>
    private static readonly string[] Questions = ["email", "first_name", "last_name", "city", "phone"];

    public string Name => "facebook";

    public string Description => "10,000 leads (100 Graph pages of 100) synced into a group vs the same contacts through POST /api/contacts/Import; leadgen webhook-to-contact latency";

    public async Task<bool> RunAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        await using var graph = await FakeGraphApi.StartAsync();
        using var client = LoadGenerator.CreateClient(2);
        client.Timeout = TimeSpan.FromMinutes(5);
        await using var devHost = await DevHostProcess.StartAsync(storageConnectionString, client, cancellationToken, new Dictionary<string, string>
        {
            [DevHostServer.DisabledSetting(DevHostServer.FacebookSyncFunction)] = "false",
            // Syncs are asked for (POST …/sync, the webhook); a poll landing mid-run would only add a second sync.
            [DevHostServer.DisabledSetting(DevHostServer.FacebookPollFunction)] = "true",
            ["Facebook__GraphBaseUrl"] = graph.BaseUrl.ToString(),
            ["Facebook__GraphVersion"] = FakeGraphApi.Version,
            ["Facebook__AppId"] = FakeGraphApi.AppId,
            ["Facebook__AppSecret"] = FakeGraphApi.AppSecret,
            ["Facebook__VerifyToken"] = VerifyToken,
        });
        var server = new ProcessProbe(devHost.ProcessId);
        var azurite = BenchmarkStorage.AzuriteProcessId is { } azuritePid ? new ProcessProbe(azuritePid) : null;
        var run = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
        var hostJson = Sentier.DevHost.Hosting.HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json")).Queues;

        Console.WriteLine($"DevHost: separate process (pid {devHost.ProcessId}) on {devHost.ApiBase}; fake Graph {graph.BaseUrl} in this process");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host.json queues: maxPollingInterval {hostJson.MaxPollingInterval.TotalMilliseconds:0} ms; sync reads Graph pages of 100 one after another, each written through the import path"));

        // Warm-up, on accounts of their own: the import path, and a whole sync of a smaller form.
        var warmImport = await ApiAccount.CreateAsync(devHost, client, "facebook benchmark warm-up import", cancellationToken);
        await ImportAsync(warmImport, client, await warmImport.CreateGroupAsync("warm-up", cancellationToken), "wi" + run, 0, 2, server, azurite, cancellationToken);
        var warmForm = await ConnectedFormAsync(devHost, client, graph, "warm-up", "ws" + run, WarmUpLeads, cancellationToken);
        var warmSync = await SyncAsync(warmForm, client, WarmUpLeads, server, azurite, cancellationToken);
        if (!warmSync.Complete)
        {
            throw new SetupException(
                $"The warm-up sync of {WarmUpLeads:N0} leads did not finish within {SyncTimeout.TotalMinutes:0} minutes ({warmSync.Members:N0} members, last_error {warmSync.LastError ?? "none"}): is Facebook_Sync in this build?");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: import of 2 × {ContactsPerRequest:N0}, sync of {WarmUpLeads:N0} leads in {warmSync.Figures.Elapsed.TotalSeconds:0.00} s"));

        // The import is measured in two halves that bracket the sync in time, so drift of the shared
        // machine over the run weighs on both sides of the ratio alike.
        var importAccount = await ApiAccount.CreateAsync(devHost, client, "facebook benchmark import", cancellationToken);
        var importGroup = await importAccount.CreateGroupAsync("import", cancellationToken);
        var form = await ConnectedFormAsync(devHost, client, graph, "bulk", "s" + run, Leads, cancellationToken);
        var importBefore = await ImportAsync(importAccount, client, importGroup, "i" + run, 0, ImportRequests / 2, server, azurite, cancellationToken);
        var sync = await SyncAsync(form, client, Leads, server, azurite, cancellationToken);
        var importAfter = await ImportAsync(importAccount, client, importGroup, "i" + run, ImportRequests / 2, ImportRequests - (ImportRequests / 2), server, azurite, cancellationToken);
        var import = new ImportPhase(importBefore, importAfter);
        var leadsRequests = graph.LeadsRequests(form.FormId);

        var webhook = await WebhookLatencyAsync(devHost.ApiBase, form, client, graph, "s" + run, cancellationToken);

        return Report(import, sync, leadsRequests, webhook);
    }

    /// <summary>A new account with a Page connected on the fake Graph and a form of <paramref name="leads"/> leads, configured into a new group.</summary>
    private static async Task<BenchForm> ConnectedFormAsync(
        DevHostProcess devHost, HttpClient client, FakeGraphApi graph, string name, string run, int leads, CancellationToken cancellationToken)
    {
        var account = await ApiAccount.CreateAsync(devHost, client, $"facebook benchmark {name}", cancellationToken);
        var groupId = await account.CreateGroupAsync($"facebook {name}", cancellationToken);
        var pageId = "7" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var formId = "8" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var token = "EAApage" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        graph.AddPage(pageId, $"Benchmark {name}", token);
        graph.AddForm(pageId, formId, $"Benchmark {name}", Questions);
        var newest = DateTimeOffset.UtcNow - BulkLeadsEndBefore;
        for (var serial = 0; serial < leads; serial++)
        {
            AddLead(graph, formId, run, serial, newest - (serial * BulkLeadSpacing));
        }

        await SendAsync(account, client, HttpMethod.Post, "facebook/connections", new { page_id = pageId, access_token = token }, HttpStatusCode.Created, cancellationToken);
        await SendAsync(account, client, HttpMethod.Put, $"facebook/forms/{formId}",
            new { connection_id = pageId, group_id = groupId, is_active = true, field_mapping = new { phone = "phone1" } }, HttpStatusCode.Created, cancellationToken);
        return new BenchForm(account, groupId, pageId, formId);
    }

    /// <summary>A lead whose answers are <see cref="SampleContacts.Create"/>'s contact with that serial.</summary>
    private static void AddLead(FakeGraphApi graph, string formId, string run, int serial, DateTimeOffset created)
    {
        var contact = SampleContacts.Create(run, serial);
        graph.AddLead(formId, LeadId(formId, serial), created, FakeGraphApi.Answers(
            ("email", (string)contact["email"]),
            ("first_name", (string)contact["first_name"]),
            ("last_name", (string)contact["last_name"]),
            ("city", (string)contact["city"]),
            ("phone", (string)contact["phone1"])));
    }

    private static string LeadId(string formId, int serial) => string.Create(CultureInfo.InvariantCulture, $"{formId[..6]}{serial:D7}");

    private static async Task SendAsync(
        ApiAccount account, HttpClient client, HttpMethod method, string path, object body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = account.Request(method, path, JsonContent.Create(body));
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new SetupException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Import requests <paramref name="first"/> to <paramref name="first"/> + <paramref name="requests"/> − 1 of the run, one at a time.</summary>
    private static async Task<PhaseFigures> ImportAsync(
        ApiAccount account, HttpClient client, long groupId, string run, int first, int requests, ProcessProbe server, ProcessProbe? azurite, CancellationToken cancellationToken)
    {
        var bodies = Enumerable.Range(first, requests).Select(r => SampleContacts.ImportBody(groupId, run, r * ContactsPerRequest, ContactsPerRequest)).ToArray();
        var meter = PhaseMeter.Start(server, azurite);
        foreach (var body in bodies)
        {
            using var request = account.PostJson("contacts/Import", body);
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SetupException($"An import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var figures = meter.Stop();
        var members = await CounterAsync(account, groupId, cancellationToken);
        if (members != (first + requests) * ContactsPerRequest)
        {
            throw new SetupException($"The import's group counts {members:N0} members, not {(first + requests) * ContactsPerRequest:N0}.");
        }

        return figures;
    }

    /// <summary>
    /// From the sync request to the form reporting the sync finished (<c>last_synced_utc</c> set,
    /// its lease released), which is after its last contact is written; then the group must count
    /// <paramref name="expected"/> members. The form row is read, not the group: a group's counter
    /// is its base plus a range of delta rows, and reading that every few milliseconds would load
    /// the storage the sync is measured on.
    /// </summary>
    private static async Task<SyncPhase> SyncAsync(BenchForm form, HttpClient client, int expected, ProcessProbe server, ProcessProbe? azurite, CancellationToken cancellationToken)
    {
        var meter = PhaseMeter.Start(server, azurite);
        using (var request = form.Account.Request(HttpMethod.Post, $"facebook/forms/{form.FormId}/sync"))
        using (var response = await client.SendAsync(request, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new SetupException($"POST facebook/forms/{form.FormId}/sync answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var started = Stopwatch.GetTimestamp();
        var finished = false;
        while (!finished && Stopwatch.GetElapsedTime(started) < SyncTimeout)
        {
            await Task.Delay(SyncPollInterval, cancellationToken);
            using var state = await form.Account.GetJsonAsync($"facebook/forms/{form.FormId}", cancellationToken);
            finished = state.RootElement.GetProperty("last_synced_utc").ValueKind != JsonValueKind.Null && !state.RootElement.GetProperty("is_syncing").GetBoolean();
        }

        var figures = meter.Stop();
        using var synced = await form.Account.GetJsonAsync($"facebook/forms/{form.FormId}", cancellationToken);
        var members = await CounterAsync(form.Account, form.GroupId, cancellationToken);
        return new SyncPhase(
            finished && members == expected, members, figures,
            synced.RootElement.GetProperty("leads_imported").GetInt64(), synced.RootElement.GetProperty("leads_skipped").GetInt64(),
            synced.RootElement.GetProperty("last_error").GetString());
    }

    private static async Task<long> CounterAsync(ApiAccount account, long groupId, CancellationToken cancellationToken)
    {
        using var group = await account.GetJsonAsync($"groups/{groupId}", cancellationToken);
        return group.RootElement.GetProperty("counter").GetInt64();
    }

    /// <summary>One lead at a time: added to the fake, announced by a signed webhook, timed until GET contacts/{email} finds it.</summary>
    private static async Task<WebhookPhase> WebhookLatencyAsync(Uri apiBase, BenchForm form, HttpClient client, FakeGraphApi graph, string run, CancellationToken cancellationToken)
    {
        var latencies = new List<TimeSpan>();
        var missing = 0;
        for (var i = 0; i < WebhookLeads; i++)
        {
            var serial = Leads + i;
            AddLead(graph, form.FormId, run, serial, DateTimeOffset.UtcNow);
            var email = (string)SampleContacts.Create(run, serial)["email"];
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                @object = "page",
                entry = new[]
                {
                    new
                    {
                        id = form.PageId,
                        time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                        changes = new[]
                        {
                            new
                            {
                                field = "leadgen",
                                value = new
                                {
                                    leadgen_id = LeadId(form.FormId, serial),
                                    form_id = form.FormId,
                                    page_id = form.PageId,
                                    created_time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                                },
                            },
                        },
                    },
                },
            });
            var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FakeGraphApi.AppSecret), body));

            var started = Stopwatch.GetTimestamp();
            // Meta's notification carries no account token: the signature is its only credential.
            using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiBase, "facebook/webhook")) { Content = new ByteArrayContent(body) })
            {
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
                using var response = await client.SendAsync(request, cancellationToken);
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK || Enqueued(answer) != 1)
                {
                    throw new SetupException($"The leadgen webhook answered {(int)response.StatusCode}: {answer}");
                }
            }

            if (await ContactAppearedAsync(form.Account, client, email, cancellationToken))
            {
                latencies.Add(Stopwatch.GetElapsedTime(started));
            }
            else
            {
                missing++;
            }
        }

        return new WebhookPhase([.. latencies.Order()], missing);
    }

    private static int Enqueued(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("enqueued").GetInt32();
    }

    private static async Task<bool> ContactAppearedAsync(ApiAccount account, HttpClient client, string email, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < StallTimeout)
        {
            using var request = account.Request(HttpMethod.Get, $"contacts/{Uri.EscapeDataString(email)}");
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new SetupException($"GET contacts/{email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return false;
    }

    private static bool Report(ImportPhase import, SyncPhase sync, int leadsRequests, WebhookPhase webhook)
    {
        var ratio = sync.Figures.Elapsed / import.Elapsed;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {Leads:N0} contacts in {ImportRequests} requests of {ContactsPerRequest:N0}, one at a time: {import.Elapsed.TotalSeconds:0.00} s = {Leads / import.Elapsed.TotalSeconds:N0} contacts/s " +
            $"(before the sync {import.Before.Elapsed.TotalSeconds:0.00} s, CPU: {import.Before.CpuSummary()}; after {import.After.Elapsed.TotalSeconds:0.00} s, CPU: {import.After.CpuSummary()})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sync: finished after {sync.Figures.Elapsed.TotalSeconds:0.00} s with {sync.Members:N0} of {Leads:N0} leads in the group = {sync.Members / sync.Figures.Elapsed.TotalSeconds:N0} leads/s " +
            $"({leadsRequests} Graph leads requests; form: leads_imported {sync.LeadsImported:N0}, leads_skipped {sync.LeadsSkipped:N0}, last_error {sync.LastError ?? "none"}); CPU: {sync.Figures.CpuSummary()}"));

        var p50 = LoadGenerator.Percentile(webhook.Latencies, 0.50);
        var p99 = LoadGenerator.Percentile(webhook.Latencies, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook: {webhook.Latencies.Length} of {WebhookLeads} leads readable after their leadgen POST, one at a time: p50 {p50.TotalMilliseconds:N0} ms, p99 {p99.TotalMilliseconds:N0} ms, " +
            $"min {(webhook.Latencies.Length > 0 ? webhook.Latencies[0].TotalMilliseconds : 0):N0} ms, max {(webhook.Latencies.Length > 0 ? webhook.Latencies[^1].TotalMilliseconds : 0):N0} ms; {webhook.Missing} never appeared"));

        var everyLeadOnce = sync.Complete && sync.LeadsImported == Leads && sync.LeadsSkipped == 0;
        var syncMet = everyLeadOnce && ratio <= MaxToImport;
        var webhookMet = webhook.Missing == 0;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sync/import = {sync.Figures.Elapsed.TotalSeconds:0.00} s / {import.Elapsed.TotalSeconds:0.00} s = {ratio:0.00} (target ≤ {MaxToImport:0.0}), every lead imported once: " +
            $"{everyLeadOnce}: {(syncMet ? "PASS" : "FAIL")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook-to-contact p50 {p50.TotalMilliseconds:N0} ms, p99 {p99.TotalMilliseconds:N0} ms (no target; every lead must land): {(webhookMet ? "PASS" : "FAIL")}"));
        return syncMet && webhookMet;
    }

    private sealed record BenchForm(ApiAccount Account, long GroupId, string PageId, string FormId);

    private sealed record ImportPhase(PhaseFigures Before, PhaseFigures After)
    {
        public TimeSpan Elapsed => Before.Elapsed + After.Elapsed;
    }

    private sealed record SyncPhase(bool Complete, long Members, PhaseFigures Figures, long LeadsImported, long LeadsSkipped, string? LastError);

    private sealed record WebhookPhase(TimeSpan[] Latencies, int Missing);
}
