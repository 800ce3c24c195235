using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Sentier.Core.Webhooks;
using Sentier.Catalog;
using Sentier.DevHost.Hosting;
using Sentier.Functions.Http;
using Sentier.Testing;

namespace Sentier.Benchmarks.Scenarios;

/// <summary>
/// Issue #8's delivery benchmark, through the DevHost's queue functions on Azurite to a receiver on
/// loopback. (1) Throughput: 5,000 contacts imported (5 requests of 1,000) into an account with two
/// subscriptions to <c>contact_created</c>, so 10,000 deliveries, timed from the first import request
/// to the last arrival, against a floor measured in the same run: one raw queue round trip (send,
/// receive, delete) per delivery, with a message of the size that names one delivery, plus a raw
/// HttpClient posting the same 10,000 bodies, signed, at the delivery function's concurrency. Target
/// ≤ 2 × the floor. The run also counts what the design really sent through each queue (through
/// <see cref="QueueTrafficRelay"/>), reports messages per delivery, and times those same messages
/// raw, so the cost beyond the queue operations themselves shows too. (2) Latency:
/// contacts created one by one at 20 writes/s for 30 s; from each write's response to each of its two
/// deliveries' arrival. Targets p50 ≤ 1 s, p99 ≤ 3 s. Every delivery must arrive, signed, exactly once.
/// </summary>
public sealed class DeliveryScenario : IBenchmarkScenario
{
    /// <summary>
    /// The webhook pipeline's functions (dispatch and delivery) all carry this prefix; the scenario
    /// makes sure each of them runs, whatever the settings' defaults become.
    /// </summary>
    private const string WebhookFunctionPrefix = "Webhooks_";

    private const int ImportRequests = 5;
    private const int ContactsPerRequest = 1000;
    private const int Subscriptions = 2;
    private const int Deliveries = ImportRequests * ContactsPerRequest * Subscriptions;
    private const double MaxToFloor = 2.0;

    private const int WarmUpContacts = 200;

    private const int WritesPerSecond = 20;
    private static readonly TimeSpan LatencyLoad = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxP50 = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxP99 = TimeSpan.FromSeconds(3);

    /// <summary>No new arrival for this long ends a wait: the pipeline has stalled (or is not there).</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public string Name => "delivery";

    public string Description => "10,000 webhook deliveries (5,000 imported contacts × 2 subscriptions) vs raw queue round trips + raw HTTP posts; write-to-arrival latency at 20 writes/s";

    public async Task<bool> RunAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        var hostJsonPath = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(hostJsonPath))
        {
            throw new SetupException($"{hostJsonPath} is missing; build tests/Sentier.Benchmarks again.");
        }

        var queueOptions = HostJson.Load(hostJsonPath).Queues;
        // The catalogue resolves %settings% in trigger attributes, as the host does: the ones the app's timers name.
        var triggerSettings = new ConfigurationBuilder().AddInMemoryCollection(DevHostProcess.TriggerSettings).Build();
        var webhookFunctions = FunctionCatalog.Discover(typeof(ApiEndpoint).Assembly, triggerSettings)
            .Where(function => function.Name.StartsWith(WebhookFunctionPrefix, StringComparison.Ordinal))
            .ToList();
        var (relay, relayedStorage) = QueueTrafficRelay.Start(storageConnectionString);
        await using var _ = relay;
        var arrivals = new Arrivals();
        await using var receiver = await LoopbackReceiver.StartAsync(arrivals.Record);

        // One connection per delivery the function runs at once, for the HTTP floor.
        using var client = LoadGenerator.CreateClient(queueOptions.BatchSize);
        client.Timeout = TimeSpan.FromMinutes(5);
        await using var devHost = await DevHostProcess.StartAsync(
            relayedStorage, client, cancellationToken,
            webhookFunctions.ToDictionary(function => DevHostServer.DisabledSetting(function.Name), _ => "false"));
        var server = new ProcessProbe(devHost.ProcessId);
        var azurite = BenchmarkStorage.AzuriteProcessId is { } azuritePid ? new ProcessProbe(azuritePid) : null;
        var run = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];

        Console.WriteLine($"DevHost: separate process (pid {devHost.ProcessId}) on {devHost.ApiBase}; receiver {receiver.Url}; queue traffic counted on relay port {relay.Port}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"host.json queues: batchSize {queueOptions.BatchSize}, maxPollingInterval {queueOptions.MaxPollingInterval.TotalMilliseconds:0} ms; " +
            $"webhook functions in the background: {string.Join(", ", webhookFunctions.Where(function => function.Trigger is not HttpTriggerDefinition).Select(Describe))}"));

        await WarmUpAsync(devHost, client, receiver, arrivals, run, cancellationToken);

        var account = await ApiAccount.CreateAsync(devHost, client, "delivery benchmark", cancellationToken);
        var groupId = await account.CreateGroupAsync("delivery benchmark", cancellationToken);
        var secrets = new Dictionary<string, string>();
        for (var s = 1; s <= Subscriptions; s++)
        {
            var tag = $"run{s}";
            secrets[tag] = (await account.CreateWebhookAsync($"benchmark {s}", Tagged(receiver.Url, tag), "contact_created", cancellationToken)).Secret;
        }

        var throughput = await ThroughputAsync(account, client, groupId, receiver, arrivals, relay, server, azurite, run, cancellationToken);
        var checks = Check(receiver, arrivals, secrets, throughput);
        var floorQueues = new QueueServiceClient(relayedStorage, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        QueueHop[] perDelivery = [new("one message per delivery", Deliveries, OneDeliveryMessageBytes(account.Id))];
        var queueFloor = await QueueFloor.RunAsync(floorQueues, perDelivery, queueOptions.BatchSize, azurite, cancellationToken);
        var sentQueues = await QueueFloor.RunAsync(floorQueues, throughput.Hops, queueOptions.BatchSize, azurite, cancellationToken);
        var httpFloor = await HttpFloorAsync(client, receiver, queueOptions.BatchSize, checks.Bodies, cancellationToken);
        var latency = await LatencyAsync(account, client, receiver, arrivals, run, cancellationToken);

        return Report(throughput, checks, queueFloor, sentQueues, httpFloor, latency, arrivals);
    }

    /// <summary>
    /// The request body of a message naming one delivery, as <see cref="QueueTrafficRelay"/> counts
    /// it: the JSON, Base64 as host.json's encoding has it, in the service's XML envelope.
    /// </summary>
    private static int OneDeliveryMessageBytes(string accountId)
    {
        var message = new WebhookDeliveryMessage(accountId, 1, WebhookDeliveryStore.IdOf(DateTimeOffset.UtcNow, "evt"), Sequence: 1);
        var json = BinaryData.FromObjectAsJson(message, JsonSerializerOptions.Web).ToMemory().Length;
        return QueueFloor.EnvelopeBytes + ((json + 2) / 3 * 4);
    }

    private static string Describe(FunctionDefinition function) =>
        function.Trigger is QueueTriggerDefinition queue ? $"{function.Name} (queue {queue.QueueName})" : function.Name;

    private static Uri Tagged(Uri url, string tag) => new($"{url}?s={tag}");

    /// <summary>Brings the DevHost's import, dispatch and delivery paths and the receiver to steady state, on an account of its own.</summary>
    private static async Task WarmUpAsync(
        DevHostProcess devHost, HttpClient client, LoopbackReceiver receiver, Arrivals arrivals, string run, CancellationToken cancellationToken)
    {
        var account = await ApiAccount.CreateAsync(devHost, client, "delivery benchmark warm-up", cancellationToken);
        var groupId = await account.CreateGroupAsync("warm-up", cancellationToken);
        for (var s = 1; s <= Subscriptions; s++)
        {
            await account.CreateWebhookAsync($"warm-up {s}", Tagged(receiver.Url, "warm"), "contact_created", cancellationToken);
        }

        using var request = account.PostJson("contacts/Import", SampleContacts.ImportBody(groupId, "w" + run, 0, WarmUpContacts));
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SetupException($"The warm-up import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var expected = WarmUpContacts * Subscriptions;
        if (!await arrivals.WaitAsync("warm", expected, cancellationToken))
        {
            throw new SetupException(
                $"The warm-up's {expected} deliveries did not arrive ({arrivals.Count("warm")} did, none in the last {StallTimeout.TotalSeconds:0} s): " +
                $"are the dispatcher and the delivery functions ({WebhookFunctionPrefix}*) in this build?");
        }

        Console.WriteLine($"warm-up: {WarmUpContacts} contacts imported, {expected} deliveries arrived");
    }

    private static async Task<ThroughputPhase> ThroughputAsync(
        ApiAccount account, HttpClient client, long groupId, LoopbackReceiver receiver, Arrivals arrivals, QueueTrafficRelay relay,
        ProcessProbe server, ProcessProbe? azurite, string run, CancellationToken cancellationToken)
    {
        var bodies = Enumerable.Range(0, ImportRequests)
            .Select(request => SampleContacts.ImportBody(groupId, run, request * ContactsPerRequest, ContactsPerRequest))
            .ToArray();
        var trafficBefore = relay.Snapshot();
        var meter = PhaseMeter.Start(server, azurite);
        var started = Stopwatch.GetTimestamp();
        foreach (var body in bodies)
        {
            using var request = account.PostJson("contacts/Import", body);
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SetupException($"An import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var imported = Stopwatch.GetElapsedTime(started);
        var complete = await arrivals.WaitAsync("run", Deliveries, cancellationToken);
        var figures = meter.Stop();
        var elapsed = Stopwatch.GetElapsedTime(started, arrivals.LastArrival("run"));

        // The last deletes follow the last deliveries; wait until the queues are quiet to count them.
        var traffic = await QuietTrafficAsync(relay, cancellationToken);
        var phase = traffic.Since(trafficBefore);
        var hops = phase.Queues
            .Where(queue => phase.Count(queue, QueueOperation.Send) > 0)
            .Select(queue => new QueueHop(
                queue,
                (int)phase.Count(queue, QueueOperation.Send),
                (int)(phase.SentBodyBytes.GetValueOrDefault(queue) / phase.Count(queue, QueueOperation.Send))))
            .ToList();

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {arrivals.Count("run"):N0} of {Deliveries:N0} deliveries in {elapsed.TotalSeconds:0.00} s = {arrivals.Count("run") / elapsed.TotalSeconds:N0} deliveries/s " +
            $"(imports done after {imported.TotalSeconds:0.00} s); CPU: {figures.CpuSummary()}"));
        Console.WriteLine($"  {"queue",-32} {"sent",8} {"receives",9} {"deleted",8} {"updated",8} {"bytes/msg",9}");
        foreach (var queue in phase.Queues)
        {
            var sent = phase.Count(queue, QueueOperation.Send);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {queue,-32} {sent,8:N0} {phase.Count(queue, QueueOperation.Receive),9:N0} {phase.Count(queue, QueueOperation.Delete),8:N0} " +
                $"{phase.Count(queue, QueueOperation.Update),8:N0} {(sent > 0 ? phase.SentBodyBytes.GetValueOrDefault(queue) / sent : 0),9:N0}"));
        }

        if (phase.Unreadable > 0)
        {
            Console.WriteLine($"  WARNING: {phase.Unreadable} queue requests could not be read; the counts above are incomplete");
        }

        return new ThroughputPhase(complete, elapsed, imported, figures, phase, hops);
    }

    /// <summary>The counts once no queue request has been made for a second (at most 10 s).</summary>
    private static async Task<QueueTraffic> QuietTrafficAsync(QueueTrafficRelay relay, CancellationToken cancellationToken)
    {
        var last = relay.Snapshot();
        for (var waited = 0; waited < 10; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = relay.Snapshot();
            if (now.Total(QueueOperation.Delete) == last.Total(QueueOperation.Delete) && now.Total(QueueOperation.Send) == last.Total(QueueOperation.Send))
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    /// <summary>Each measured delivery is a signed contact_created, and each subscription got each contact once.</summary>
    private static DeliveryChecks Check(LoopbackReceiver receiver, Arrivals arrivals, Dictionary<string, string> secrets, ThroughputPhase throughput)
    {
        var measured = receiver.Requests.Where(request => Arrivals.TagOf(request.PathAndQuery).StartsWith("run", StringComparison.Ordinal)).ToList();
        var badSignatures = measured.Count(request => !StandardWebhooksVerifier.Verify(
            secrets[Arrivals.TagOf(request.PathAndQuery)], request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        var contactsPerSubscription = measured
            .GroupBy(request => Arrivals.TagOf(request.PathAndQuery))
            .Select(group => group.Select(request => EmailOf(request.Body)).Distinct().Count())
            .ToList();
        var firstOfEach = measured.GroupBy(request => request.Headers["webhook-id"]).Select(group => group.First().Body).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  checks: {measured.Count:N0} requests, {firstOfEach.Length:N0} distinct webhook-ids, {arrivals.Duplicates} duplicates, {badSignatures} bad signatures, " +
            $"distinct contacts per subscription {string.Join(" / ", contactsPerSubscription)}; average body {firstOfEach.Average(body => body.Length):N0} bytes"));
        var passed = throughput.Complete && badSignatures == 0 && firstOfEach.Length == Deliveries
            && contactsPerSubscription.Count == Subscriptions && contactsPerSubscription.All(count => count == Deliveries / Subscriptions);
        return new DeliveryChecks(passed, firstOfEach);
    }

    private static string EmailOf(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").GetProperty("contact").GetProperty("email").GetString() ?? "";
    }

    /// <summary>The same bodies posted straight to the receiver, signed as a delivery is, at the delivery function's concurrency.</summary>
    private static async Task<LoadResult> HttpFloorAsync(HttpClient client, LoopbackReceiver receiver, int concurrency, byte[][] bodies, CancellationToken cancellationToken)
    {
        string[] secret = ["whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))];
        var url = Tagged(receiver.Url, "floor");
        var next = -1;
        var result = await new LoadGenerator(client, concurrency).RunAsync(
            "raw HttpClient posts",
            () =>
            {
                var index = Interlocked.Increment(ref next);
                var body = bodies[index % bodies.Length];
                var id = "msg_floor" + index.ToString(CultureInfo.InvariantCulture);
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.TryAddWithoutValidation("webhook-id", id);
                request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(id, timestamp, body, secret));
                request.Headers.TryAddWithoutValidation("User-Agent", "Sentier-Benchmarks");
                return request;
            },
            LoadLimit.Count(bodies.Length),
            cancellationToken);
        return result;
    }

    /// <summary>Creates contacts one by one at <see cref="WritesPerSecond"/>, open loop, and times each delivery from its write's response.</summary>
    private static async Task<LatencyPhase> LatencyAsync(
        ApiAccount account, HttpClient client, LoopbackReceiver receiver, Arrivals arrivals, string run, CancellationToken cancellationToken)
    {
        var writes = (int)(LatencyLoad.TotalSeconds * WritesPerSecond);
        var answered = new ConcurrentDictionary<string, long>();
        var failures = 0;
        var expectedBefore = arrivals.Count("run");
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, writes).Select(async i =>
        {
            var due = TimeSpan.FromSeconds((double)i / WritesPerSecond) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var serial = 1_000_000 + i;
            using var request = account.PostJson("contacts", SampleContacts.ContactBody(run, serial));
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                answered[(string)SampleContacts.Create(run, serial)["email"]] = Stopwatch.GetTimestamp();
            }
            else
            {
                Interlocked.Increment(ref failures);
            }
        });
        await Task.WhenAll(tasks);
        var loadTime = Stopwatch.GetElapsedTime(started);
        var complete = await arrivals.WaitAsync("run", expectedBefore + (answered.Count * Subscriptions), cancellationToken);

        var latencies = receiver.Requests
            .Where(request => Arrivals.TagOf(request.PathAndQuery).StartsWith("run", StringComparison.Ordinal))
            .GroupBy(request => request.Headers["webhook-id"])
            .Select(group => group.First())
            .Select(request => answered.TryGetValue(EmailOf(request.Body), out var answeredAt)
                ? Stopwatch.GetElapsedTime(answeredAt, arrivals.ArrivedAt(request.Headers["webhook-id"]))
                : (TimeSpan?)null)
            .OfType<TimeSpan>()
            .Order()
            .ToArray();
        return new LatencyPhase(writes, failures, loadTime, answered.Count * Subscriptions, latencies, complete);
    }

    private static bool Report(
        ThroughputPhase throughput, DeliveryChecks checks, QueueFloorResult queueFloor, QueueFloorResult sentQueues, LoadResult httpFloor,
        LatencyPhase latency, Arrivals arrivals)
    {
        var floor = queueFloor.Figures.Elapsed + httpFloor.Elapsed;
        var ratio = throughput.Elapsed / floor;
        var sentPerDelivery = (double)throughput.Traffic.Total(QueueOperation.Send) / Deliveries;
        var consumedPerDelivery = (double)throughput.Traffic.Total(QueueOperation.Delete) / Deliveries;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue floor: {queueFloor.Messages:N0} raw round trips, one per delivery (send, receive {queueFloor.Receives:N0} times, delete): " +
            $"{queueFloor.Figures.Elapsed.TotalSeconds:0.00} s = {queueFloor.Messages / queueFloor.Figures.Elapsed.TotalSeconds:N0} msg/s; CPU: {queueFloor.Figures.CpuSummary()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the run's own messages raw: {sentQueues.Messages:N0} through {throughput.Hops.Count} queue(s) as the run sent them: {sentQueues.Figures.Elapsed.TotalSeconds:0.00} s " +
            $"(the run took {throughput.Elapsed / (sentQueues.Figures.Elapsed + httpFloor.Elapsed):0.0} × these + the HTTP floor: import, dispatch and table work)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HTTP floor: {httpFloor.Requests:N0} signed posts, {httpFloor.Errors} errors: {httpFloor.Elapsed.TotalSeconds:0.00} s = {httpFloor.RequestsPerSecond:N0} req/s, " +
            $"p50 {httpFloor.P50.TotalMilliseconds:0.0} ms, p99 {httpFloor.P99.TotalMilliseconds:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue messages per delivery: {sentPerDelivery:0.000} sent, {consumedPerDelivery:0.000} consumed (received and deleted)"));

        Console.WriteLine();
        var p50 = LoadGenerator.Percentile(latency.Latencies, 0.50);
        var p99 = LoadGenerator.Percentile(latency.Latencies, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency: {latency.Writes} writes in {latency.LoadTime.TotalSeconds:0.0} s ({latency.Writes / latency.LoadTime.TotalSeconds:0.0}/s), {latency.FailedWrites} failed; " +
            $"{latency.Latencies.Length} of {latency.ExpectedDeliveries} deliveries timed: p50 {p50.TotalMilliseconds:N0} ms, p99 {p99.TotalMilliseconds:N0} ms, " +
            $"max {(latency.Latencies.Length > 0 ? latency.Latencies[^1].TotalMilliseconds : 0):N0} ms"));

        var throughputMet = checks.Passed && httpFloor.Errors == 0 && ratio <= MaxToFloor && throughput.Traffic.Unreadable == 0;
        var latencyMet = latency.Complete && latency.FailedWrites == 0 && latency.Latencies.Length == latency.ExpectedDeliveries && p50 <= MaxP50 && p99 <= MaxP99;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"deliveries/floor = {throughput.Elapsed.TotalSeconds:0.00} s / ({queueFloor.Figures.Elapsed.TotalSeconds:0.00} s + {httpFloor.Elapsed.TotalSeconds:0.00} s) = {ratio:0.00} " +
            $"(target ≤ {MaxToFloor:0.0}), every delivery once and signed: {checks.Passed}: {(throughputMet ? "PASS" : "FAIL")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"write-to-arrival p50 {p50.TotalMilliseconds:N0} ms (target ≤ {MaxP50.TotalMilliseconds:N0}), p99 {p99.TotalMilliseconds:N0} ms (target ≤ {MaxP99.TotalMilliseconds:N0}), " +
            $"duplicates over the run {arrivals.Duplicates}: {(latencyMet ? "PASS" : "FAIL")}"));
        return throughputMet && latencyMet;
    }

    /// <summary>
    /// When each delivery first reached the receiver, by <c>webhook-id</c>, and how many arrived per
    /// subscription tag (the <c>s</c> query value of its URL); a repeated id counts as a duplicate.
    /// </summary>
    private sealed class Arrivals
    {
        private readonly ConcurrentDictionary<string, long> _firstArrival = new();
        private readonly ConcurrentDictionary<string, int> _perTag = new();
        private readonly ConcurrentDictionary<string, long> _lastPerTag = new();
        private long _duplicates;

        public long Duplicates => Interlocked.Read(ref _duplicates);

        public static string TagOf(string pathAndQuery) =>
            pathAndQuery.Split("?s=", 2) is [_, var tag] ? tag : "";

        public Task Record(HttpContext context)
        {
            var now = Stopwatch.GetTimestamp();
            var tag = TagOf(context.Request.Path + context.Request.QueryString);
            if (_firstArrival.TryAdd(context.Request.Headers["webhook-id"].ToString(), now))
            {
                // Phases are told apart by prefix: run1 and run2 count for "run".
                var phase = tag.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
                _perTag.AddOrUpdate(phase, 1, (_, count) => count + 1);
                _lastPerTag[phase] = now;
            }
            else
            {
                Interlocked.Increment(ref _duplicates);
            }

            return Task.CompletedTask;
        }

        public int Count(string phase) => _perTag.GetValueOrDefault(phase);

        public long LastArrival(string phase) => _lastPerTag.GetValueOrDefault(phase);

        public long ArrivedAt(string webhookId) => _firstArrival[webhookId];

        /// <returns>False when no new delivery of the phase arrived for <see cref="StallTimeout"/> before all had.</returns>
        public async Task<bool> WaitAsync(string phase, int expected, CancellationToken cancellationToken)
        {
            var lastCount = Count(phase);
            var lastProgress = Stopwatch.GetTimestamp();
            while (Count(phase) < expected)
            {
                await Task.Delay(20, cancellationToken);
                if (Count(phase) != lastCount)
                {
                    (lastCount, lastProgress) = (Count(phase), Stopwatch.GetTimestamp());
                }
                else if (Stopwatch.GetElapsedTime(lastProgress) > StallTimeout)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed record ThroughputPhase(bool Complete, TimeSpan Elapsed, TimeSpan Imported, PhaseFigures Figures, QueueTraffic Traffic, IReadOnlyList<QueueHop> Hops);

    private sealed record DeliveryChecks(bool Passed, byte[][] Bodies);

    private sealed record LatencyPhase(int Writes, int FailedWrites, TimeSpan LoadTime, int ExpectedDeliveries, TimeSpan[] Latencies, bool Complete);
}
