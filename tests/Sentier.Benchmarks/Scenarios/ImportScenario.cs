using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;

namespace Sentier.Benchmarks.Scenarios;

/// <summary>
/// Issue #3's import benchmark. 20,000 contacts go into one group through
/// <c>POST /api/contacts/Import</c> (20 requests of 1,000, 4 in flight), against the storage floor:
/// as many rows of the same kinds and sizes, counted in storage after the import, written straight
/// through the Table SDK in 100-entity transactions, 4 in flight. 2,000 contacts go one by one
/// through <c>POST /api/contacts</c> in the same account, half before and half after the import.
/// Then a deep page and a full walk of the 22,000 contacts with the continuation. Targets: import
/// ≤ 2 × the floor, ≥ 5 × faster per contact than one by one, and the DevHost's peak resident
/// memory during the import under 300 MB; every request must succeed and every contact read back once.
/// </summary>
public sealed class ImportScenario : IBenchmarkScenario
{
    private const int ImportRequests = 20;
    private const int ContactsPerRequest = 1000;
    private const int ImportedContacts = ImportRequests * ContactsPerRequest;

    /// <summary>Import requests in flight, and transactions in flight for the floor.</summary>
    private const int Parallelism = 4;

    /// <summary>
    /// The import's own concurrency against storage: each request writes up to 4 transactions at
    /// once (ContactImporter.Parallelism), so 4 requests keep up to 16 in flight. The floor is also
    /// measured so, for information, to show whether that difference alone moves the floor.
    /// </summary>
    private const int ImportStorageConcurrency = 16;

    private const int SingleCalls = 2000;
    private const int PageLimit = 100;
    private const int DeepPage = 200;
    private const int DeepPageReads = 5;

    private const double MaxImportToFloor = 2.0;
    private const double MinSpeedupPerContact = 5.0;
    private const long MaxPeakBytes = 300L * 1024 * 1024;

    /// <summary>Import requests of the warm-up after the first: as many at once as the measurement sends.</summary>
    private const int WarmUpImportRequests = Parallelism;

    /// <summary>
    /// The warm-up's one-by-one calls, on an account of their own: after 200 calls that path still
    /// cost the DevHost about three times the CPU per call it settles at (tiered compilation).
    /// </summary>
    private static readonly TimeSpan WarmUpSingles = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Rows the warm-up writes the floor's way. With only a few thousand, the first measured floor
    /// still cost the harness about twice the CPU of the later ones, and Azurite about 15% more per entity.
    /// </summary>
    private const int WarmUpFloorEntities = 20_000;

    public string Name => "import";

    public string Description => "20,000 contacts through POST /api/contacts/Import vs the Table SDK floor and vs one-by-one POST /api/contacts; deep page and full walk";

    public async Task<bool> RunAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        using var client = LoadGenerator.CreateClient(Parallelism);

        // A request of 1,000 contacts waits behind three others on one Azurite core.
        client.Timeout = TimeSpan.FromMinutes(5);
        await using var devHost = await DevHostProcess.StartAsync(storageConnectionString, client, cancellationToken);
        var server = new ProcessProbe(devHost.ProcessId);
        var azurite = BenchmarkStorage.AzuriteProcessId is { } azuritePid ? new ProcessProbe(azuritePid) : null;
        var tables = new TableServiceClient(storageConnectionString);
        var contactsTable = tables.GetTableClient("Contacts");

        // Emails differ from run to run, should two runs ever share a storage.
        var run = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
        Console.WriteLine($"DevHost: separate process (pid {devHost.ProcessId}) on {devHost.ApiBase}; Azurite pid {azurite?.ProcessId.ToString(CultureInfo.InvariantCulture) ?? "unknown (CPU not reported)"}");
        Console.WriteLine($"import: {ImportRequests} requests of {ContactsPerRequest:N0} contacts, {Parallelism} in flight; floor: 100-entity transactions, {Parallelism} in flight, one partition, a fresh table per run");

        // Warm-up on an account of its own: brings the DevHost's import, upsert and list paths and the
        // harness's SDK calls to steady state, and shows which rows an import writes, to copy for the floor.
        var shapes = await WarmUpAsync(devHost, client, tables, contactsTable, azurite, run, cancellationToken);
        var floorRowsPerContact = (double)shapes.Count / ContactsPerRequest;

        var account = await ApiAccount.CreateAsync(devHost, client, "import benchmark", cancellationToken);
        var groupId = await account.CreateGroupAsync("import benchmark", cancellationToken);

        // Each baseline is measured in two halves, one before and one after the import: they bracket
        // it in time, so drift of the shared machine over the run weighs on both sides of each ratio
        // alike, and shows as a difference between the halves. The floors start from a table as full
        // as the import's was (see TableFloor).
        var singlesBefore = await SingleCallsAsync("one by one, before the import", account, client, contactsTable, server, azurite, run, ImportedContacts, SingleCalls / 2, cancellationToken);
        var tableRows = await TableFloor.CountRowsAsync(contactsTable, cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"the Contacts table holds {tableRows:N0} rows before the import; each floor table gets as many first, untimed");
        var floorBefore = await MeasureFloorAsync("floor before the import", tables, shapes, (int)Math.Round(floorRowsPerContact * ImportedContacts), tableRows, Parallelism, azurite, cancellationToken);
        var import = await ImportAsync(account, client, contactsTable, groupId, server, azurite, run, cancellationToken);
        var floorAfter = await MeasureFloorAsync("floor after the import", tables, shapes, import.Entities.Written, tableRows, Parallelism, azurite, cancellationToken);
        var singlesAfter = await SingleCallsAsync("one by one, after the import", account, client, contactsTable, server, azurite, run, ImportedContacts + SingleCalls / 2, SingleCalls - SingleCalls / 2, cancellationToken);
        var floorWide = await MeasureFloorAsync($"floor, {ImportStorageConcurrency} in flight (info)", tables, shapes, import.Entities.Written, tableRows, ImportStorageConcurrency, azurite, cancellationToken);
        var single = SinglePhase.Combine(singlesBefore, singlesAfter);

        // Failures are counted against their own phases; the walk checks that what was stored reads back.
        var stored = import.Calls.Sum(call => call.Created) + single.Calls - single.Errors;
        var reads = await ReadAsync(account, client, stored, server, azurite, cancellationToken);

        return Report(import, floorBefore, floorAfter, floorWide, singlesBefore, singlesAfter, reads);
    }

    /// <returns>The rows the warm-up import wrote, whole: the shapes the floor copies.</returns>
    private static async Task<IReadOnlyList<TableEntity>> WarmUpAsync(
        DevHostProcess devHost, HttpClient client, TableServiceClient tables, TableClient contactsTable, ProcessProbe? azurite, string run, CancellationToken cancellationToken)
    {
        var account = await ApiAccount.CreateAsync(devHost, client, "import benchmark warm-up", cancellationToken);
        var groupId = await account.CreateGroupAsync("warm-up", cancellationToken);
        var before = await PartitionCensus.TakeAsync(contactsTable, account.Id, keysOnly: true, cancellationToken);
        var call = await SendImportAsync(client, account, SampleContacts.ImportBody(groupId, "w" + run, 0, ContactsPerRequest), 0, cancellationToken);
        if (!call.Succeeded)
        {
            throw new SetupException($"The warm-up import failed: {call.Error}");
        }

        var written = (await PartitionCensus.TakeAsync(contactsTable, account.Id, keysOnly: false, cancellationToken)).Since(before);
        Console.WriteLine();
        written.Print($"warm-up import (1 request of {ContactsPerRequest:N0}, {call.Elapsed.TotalMilliseconds:N0} ms): rows written", ContactsPerRequest);

        // More import requests, as many at once as the measurement sends: one request leaves the
        // DevHost's import path partly unoptimised by tiered compilation.
        var moreImports = await Task.WhenAll(Enumerable.Range(1, WarmUpImportRequests).Select(request => SendImportAsync(
            client, account, SampleContacts.ImportBody(groupId, "w" + run, request * ContactsPerRequest, ContactsPerRequest), request, cancellationToken)));
        if (moreImports.FirstOrDefault(import => !import.Succeeded) is { } failedImport)
        {
            throw new SetupException($"A warm-up import failed: {failedImport.Error}");
        }

        var serial = (WarmUpImportRequests + 1) * ContactsPerRequest;
        var warmSingles = await new LoadGenerator(client, 1).RunAsync(
            "warm-up",
            () => account.PostJson("contacts", SampleContacts.ContactBody("w" + run, Interlocked.Increment(ref serial))),
            LoadLimit.For(WarmUpSingles),
            cancellationToken);
        if (warmSingles.Errors > 0)
        {
            // Reported, not fatal: the measured phase counts the same failures against its target.
            Console.WriteLine($"warm-up POST /api/contacts: {warmSingles.Errors} of {warmSingles.Requests} failed, first: {warmSingles.FirstError}");
        }

        for (var page = 1; page <= 10; page++)
        {
            (await ReadPageAsync(client, account, $"contacts?Page={page}&Limit={PageLimit}", cancellationToken)).ThrowIfFailed();
        }

        var shapes = written.Created.Concat(written.Updated).ToList();
        await TableFloor.WriteAsync(tables, TableFloor.Replicate(shapes, WarmUpFloorEntities, "warm-up"), ballast: 0, Parallelism, azurite, cancellationToken);
        return shapes;
    }

    private static async Task<FloorResult> MeasureFloorAsync(
        string label, TableServiceClient tables, IReadOnlyList<TableEntity> shapes, int entities, int ballast, int parallelism, ProcessProbe? azurite, CancellationToken cancellationToken)
    {
        var rows = TableFloor.Replicate(shapes, entities, "floor");
        var result = await TableFloor.WriteAsync(tables, rows, ballast, parallelism, azurite, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {result.Entities:N0} entities in {result.Batches:N0} transactions, {parallelism} in flight: {result.Figures.Elapsed.TotalSeconds:0.00} s, " +
            $"{result.EntitiesPerSecond:N0} entities/s; transaction p50 {result.BatchP50.TotalMilliseconds:0.0} ms, p99 {result.BatchP99.TotalMilliseconds:0.0} ms; CPU: {result.Figures.CpuSummary()}"));
        return result;
    }

    private static async Task<ImportPhase> ImportAsync(
        ApiAccount account, HttpClient client, TableClient contactsTable, long groupId, ProcessProbe server, ProcessProbe? azurite, string run, CancellationToken cancellationToken)
    {
        var bodies = Enumerable.Range(0, ImportRequests)
            .Select(request => SampleContacts.ImportBody(groupId, run, request * ContactsPerRequest, ContactsPerRequest))
            .ToArray();
        var before = await PartitionCensus.TakeAsync(contactsTable, account.Id, keysOnly: true, cancellationToken);

        // The peak is the kernel's (VmHWM, counted from here); sampling adds the resident size at the start.
        var residentBefore = server.ResidentBytes;
        var peakReset = server.TryResetPeak();
        var calls = new ImportCall[ImportRequests];
        var next = -1;
        PhaseFigures figures;
        long sampledPeak;
        await using (var sampler = server.SampleResident(TimeSpan.FromMilliseconds(10)))
        {
            var meter = PhaseMeter.Start(server, azurite);
            var workers = Enumerable.Range(0, Parallelism).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < ImportRequests; i = Interlocked.Increment(ref next))
                {
                    calls[i] = await SendImportAsync(client, account, bodies[i], i, cancellationToken);
                }
            }, cancellationToken));
            await Task.WhenAll(workers);
            figures = meter.Stop();
            sampledPeak = sampler.MaxBytes;
        }

        var kernelPeak = peakReset ? server.PeakResidentBytes : null;
        var written = (await PartitionCensus.TakeAsync(contactsTable, account.Id, keysOnly: true, cancellationToken)).Since(before);
        var phase = new ImportPhase(calls, figures, written, residentBefore, Math.Max(kernelPeak ?? 0, sampledPeak), kernelPeak is not null);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {ImportedContacts:N0} contacts in {figures.Elapsed.TotalSeconds:0.00} s = {ImportedContacts / figures.Elapsed.TotalSeconds:N0} contacts/s, " +
            $"{written.Written / figures.Elapsed.TotalSeconds:N0} entities/s; CPU: {figures.CpuSummary()}"));
        var latencies = calls.Select(call => call.Elapsed.TotalMilliseconds).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per request of {ContactsPerRequest:N0}: min {latencies[0]:N0} ms, median {latencies[latencies.Length / 2]:N0} ms, max {latencies[^1]:N0} ms; " +
            $"created {calls.Sum(c => c.Created):N0}, updated {calls.Sum(c => c.Updated):N0}, failed rows {calls.Sum(c => c.FailedRows):N0}, failed requests {calls.Count(c => !c.Succeeded)}"));
        foreach (var failed in calls.Where(call => !call.Succeeded).Take(3))
        {
            Console.WriteLine($"  request {failed.Index} FAILED: {failed.Error}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  DevHost resident memory: {Megabytes(residentBefore)} before, peak {Megabytes(phase.PeakResidentBytes)} during the import " +
            $"({(phase.KernelPeak ? "VmHWM reset before the import" : "sampled every 10 ms; VmHWM could not be reset")})"));
        written.Print("  rows the import wrote to the account's partition", ImportedContacts);
        return phase;
    }

    private static async Task<ImportCall> SendImportAsync(HttpClient client, ApiAccount account, byte[] body, int index, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = account.PostJson("contacts/Import", body);
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new ImportCall(index, elapsed, 0, 0, 0, $"{(int)response.StatusCode} {Clip(text)}");
            }

            using var result = JsonDocument.Parse(text);
            var created = result.RootElement.GetProperty("created").GetInt32();
            var updated = result.RootElement.GetProperty("updated").GetInt32();
            var failed = result.RootElement.GetProperty("failed");
            var error = created != ContactsPerRequest || failed.GetArrayLength() > 0
                ? $"created {created} of {ContactsPerRequest}, updated {updated}, failed {failed.GetArrayLength()}: {Clip(failed.GetRawText())}"
                : null;
            return new ImportCall(index, elapsed, created, updated, failed.GetArrayLength(), error);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException) && !cancellationToken.IsCancellationRequested)
        {
            return new ImportCall(index, Stopwatch.GetElapsedTime(started), 0, 0, 0, ex.Message);
        }
    }

    private static async Task<SinglePhase> SingleCallsAsync(
        string label, ApiAccount account, HttpClient client, TableClient contactsTable, ProcessProbe server, ProcessProbe? azurite, string run,
        int firstSerial, int calls, CancellationToken cancellationToken)
    {
        var bodies = Enumerable.Range(firstSerial, calls).Select(serial => SampleContacts.ContactBody(run, serial)).ToArray();
        var before = await PartitionCensus.TakeAsync(contactsTable, account.Id, keysOnly: true, cancellationToken);
        var next = -1;
        var meter = PhaseMeter.Start(server, azurite);
        var result = await new LoadGenerator(client, 1).RunAsync(
            label,
            () => account.PostJson("contacts", bodies[Interlocked.Increment(ref next)]),
            LoadLimit.Count(calls),
            cancellationToken);
        var figures = meter.Stop();
        var written = (await PartitionCensus.TakeAsync(contactsTable, account.Id, keysOnly: true, cancellationToken)).Since(before);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {calls:N0} POST /api/contacts at concurrency 1 in {figures.Elapsed.TotalSeconds:0.00} s = {result.RequestsPerSecond:N0} contacts/s; " +
            $"p50 {result.P50.TotalMilliseconds:0.00} ms, p99 {result.P99.TotalMilliseconds:0.00} ms, errors {result.Errors}; CPU: {figures.CpuSummary()}"));
        if (result.Errors > 0)
        {
            Console.WriteLine($"  ERRORS: {result.Errors}, first: {result.FirstError}");
        }

        written.Print("  rows written", calls);
        return new SinglePhase(result.Requests, result.Errors, figures.Elapsed, figures.ServerCpu);
    }

    private static async Task<ReadPhase> ReadAsync(
        ApiAccount account, HttpClient client, int expectedContacts, ProcessProbe server, ProcessProbe? azurite, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var deepUri = $"contacts?Page={DeepPage}&Limit={PageLimit}";

        // The first read is left out: it pays for the first query of this partition's key range.
        var deepPages = new List<PageRead>();
        for (var i = 0; i <= DeepPageReads; i++)
        {
            var read = await ReadPageAsync(client, account, deepUri, cancellationToken);
            if (read.Error is not null)
            {
                errors.Add($"GET {deepUri}: {read.Error}");
            }
            else if (read.Ids.Count != PageLimit)
            {
                errors.Add($"GET {deepUri} returned {read.Ids.Count} contacts, not {PageLimit}");
            }

            if (i > 0)
            {
                deepPages.Add(read);
            }
        }

        var seen = new List<long>(expectedContacts);
        var meter = PhaseMeter.Start(server, azurite);
        var requests = 0;
        string? continuation = null;
        do
        {
            var uri = $"contacts?Limit={PageLimit}" + (continuation is null ? "" : "&Continuation=" + Uri.EscapeDataString(continuation));
            var read = await ReadPageAsync(client, account, uri, cancellationToken);
            requests++;
            if (read.Error is not null)
            {
                errors.Add($"walk, request {requests}: {read.Error}");
                break;
            }

            seen.AddRange(read.Ids);
            continuation = read.Continuation;
        }
        while (continuation is not null);

        var walkFigures = meter.Stop();
        var walk = walkFigures.Elapsed;
        var distinct = seen.Distinct().Count();
        if (seen.Count != expectedContacts || distinct != seen.Count)
        {
            errors.Add($"the walk saw {seen.Count:N0} contacts ({distinct:N0} distinct), not {expectedContacts:N0} each once");
        }

        // Page 200 must be the same contacts the walk found at that depth.
        var deepStart = (DeepPage - 1) * PageLimit;
        if (deepPages.Count > 0 && seen.Count >= deepStart + PageLimit && !seen.Skip(deepStart).Take(PageLimit).SequenceEqual(deepPages[0].Ids))
        {
            errors.Add($"page {DeepPage} does not hold the contacts the walk found at positions {deepStart + 1:N0}–{deepStart + PageLimit:N0}");
        }

        var deepTimes = deepPages.Select(read => read.Elapsed.TotalMilliseconds).Order().ToArray();
        var phase = new ReadPhase(deepTimes, seen.Count, requests, walk, errors);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GET /api/{deepUri} ({expectedContacts:N0} contacts in the account): median {phase.DeepPageMedianMs:0.0} ms, " +
            $"min {deepTimes.FirstOrDefault():0.0} ms, max {deepTimes.LastOrDefault():0.0} ms over {deepTimes.Length} reads"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full walk, Limit={PageLimit} with X-Continuation: {seen.Count:N0} contacts in {requests:N0} requests, {walk.TotalSeconds:0.00} s = {phase.WalkRowsPerSecond:N0} contacts/s; " +
            $"CPU: {walkFigures.CpuSummary()}"));
        foreach (var error in errors)
        {
            Console.WriteLine($"  ERROR: {error}");
        }

        return phase;
    }

    private static async Task<PageRead> ReadPageAsync(HttpClient client, ApiAccount account, string relativeUri, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = account.Request(HttpMethod.Get, relativeUri);
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new PageRead([], null, elapsed, $"{(int)response.StatusCode} {Clip(text)}");
        }

        using var page = JsonDocument.Parse(text);
        var ids = page.RootElement.EnumerateArray().Select(contact => contact.GetProperty("id").GetInt64()).ToList();
        var continuation = response.Headers.TryGetValues("X-Continuation", out var values) ? values.FirstOrDefault() : null;
        return new PageRead(ids, continuation, elapsed, null);
    }

    private static bool Report(
        ImportPhase import, FloorResult floorBefore, FloorResult floorAfter, FloorResult floorWide, SinglePhase singlesBefore, SinglePhase singlesAfter, ReadPhase reads)
    {
        var importSeconds = import.Figures.Elapsed.TotalSeconds;

        // The gate's floor is the mean of the two that bracket the import (see RunAsync).
        var floorSeconds = (floorBefore.Figures.Elapsed.TotalSeconds + floorAfter.Figures.Elapsed.TotalSeconds) / 2;
        var floorRatio = importSeconds / floorSeconds;
        var importPerContact = import.Figures.Elapsed.TotalMilliseconds / ImportedContacts;
        var single = SinglePhase.Combine(singlesBefore, singlesAfter);
        var singlePerContact = single.Elapsed.TotalMilliseconds / single.Calls;
        var speedup = singlePerContact / importPerContact;

        var importOk = import.Calls.All(call => call.Succeeded) && import.Calls.Sum(call => call.Created) == ImportedContacts;
        var floorMet = floorRatio <= MaxImportToFloor;
        var speedupMet = speedup >= MinSpeedupPerContact;
        var memoryMet = import.PeakResidentBytes is > 0 and < MaxPeakBytes;
        var singlesOk = single.Errors == 0;
        var readsOk = reads.Errors.Count == 0;

        Console.WriteLine();
        Console.WriteLine("summary:");
        const string Row = "  {0,-44} {1,-52} {2,-12} {3}";
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, "figure", "value", "target", "result"));
        void Line(string figure, string value, string target = "", bool? passed = null) =>
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Row, figure, value, target, passed is null ? "" : passed.Value ? "PASS" : "FAIL"));

        Line($"import {ImportedContacts:N0} ({ImportRequests} × {ContactsPerRequest:N0}, {Parallelism} in flight)",
            Invariant($"{importSeconds:0.00} s, {ImportedContacts / importSeconds:N0} contacts/s"), "all created", importOk);
        Line("entities written per contact (import)", Invariant($"{(double)import.Entities.Written / ImportedContacts:0.000} ({import.Entities.Written:N0} rows)"));
        Line($"storage floor, {Parallelism} in flight: before / after",
            Invariant($"{floorBefore.Figures.Elapsed.TotalSeconds:0.00} s / {floorAfter.Figures.Elapsed.TotalSeconds:0.00} s ({floorBefore.EntitiesPerSecond:N0} / {floorAfter.EntitiesPerSecond:N0} ent/s)"));
        Line($"storage floor, {ImportStorageConcurrency} in flight (info)", Invariant($"{floorWide.Figures.Elapsed.TotalSeconds:0.00} s ({floorWide.EntitiesPerSecond:N0} ent/s)"));
        Line("Azurite CPU per entity: floor before / import / after", Invariant(
            $"{PerItem(floorBefore.Figures.AzuriteCpu, floorBefore.Entities)} / {PerItem(import.Figures.AzuriteCpu, import.Entities.Written)} / {PerItem(floorAfter.Figures.AzuriteCpu, floorAfter.Entities)}"));
        Line("import / floor (mean of before and after)", Invariant($"{floorRatio:0.00}"), Invariant($"≤ {MaxImportToFloor:0.00}"), floorMet);
        Line($"one by one: {single.Calls:N0} POST /api/contacts, 1 at a time",
            Invariant($"{singlesBefore.Elapsed.TotalSeconds:0.00} s + {singlesAfter.Elapsed.TotalSeconds:0.00} s, {single.Calls / single.Elapsed.TotalSeconds:N0} contacts/s, {single.Errors} errors"),
            "no errors", singlesOk);
        Line("per contact: one by one / import",
            Invariant($"{singlePerContact:0.000} ms / {importPerContact:0.000} ms = ×{speedup:0.0}"), Invariant($"≥ ×{MinSpeedupPerContact:0}"), speedupMet);
        Line("DevHost CPU per contact: one by one / import",
            Invariant($"{PerItem(single.ServerCpu, single.Calls)} / {PerItem(import.Figures.ServerCpu, ImportedContacts)}"));
        Line("DevHost peak resident memory during import", Megabytes(import.PeakResidentBytes), Invariant($"< {MaxPeakBytes / 1024 / 1024} MB"), memoryMet);
        Line($"GET contacts?Page={DeepPage}&Limit={PageLimit}", Invariant($"median {reads.DeepPageMedianMs:0.0} ms of {reads.DeepPageMs.Length}"), "100 rows", readsOk);
        Line($"full walk, Limit={PageLimit}, X-Continuation",
            Invariant($"{reads.Contacts:N0} contacts, {reads.Walk.TotalSeconds:0.00} s, {reads.WalkRowsPerSecond:N0} contacts/s"), "each once", readsOk);

        var met = importOk && floorMet && speedupMet && memoryMet && singlesOk && readsOk;
        if (File.Exists("/proc/loadavg"))
        {
            // Everything shares two cores: a load far above 2 means other work skewed the wall times.
            Console.WriteLine($"  load average at the end: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import/floor = {floorRatio:0.00} (target ≤ {MaxImportToFloor:0.00}), speedup per contact ×{speedup:0.0} (target ≥ ×{MinSpeedupPerContact:0}), " +
            $"peak {Megabytes(import.PeakResidentBytes)} (target < {MaxPeakBytes / 1024 / 1024} MB): {(met ? "PASS" : "FAIL")}"));
        return met;
    }

    /// <summary>
    /// CPU per item: unlike wall time it leaves out waiting for a core, so it holds when other
    /// work shares the machine and tells whether a slow phase did more work or only waited longer.
    /// </summary>
    private static string PerItem(TimeSpan? cpu, int items) =>
        cpu is { } value && items > 0 ? (value.TotalMicroseconds / items).ToString("0", CultureInfo.InvariantCulture) + " µs" : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Megabytes(long? bytes) =>
        bytes is { } value ? (value / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MB" : "unknown";

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300];

    private sealed record ImportCall(int Index, TimeSpan Elapsed, int Created, int Updated, int FailedRows, string? Error)
    {
        public bool Succeeded => Error is null;
    }

    private sealed record ImportPhase(ImportCall[] Calls, PhaseFigures Figures, CensusDelta Entities, long? ResidentBytesBefore, long PeakResidentBytes, bool KernelPeak);

    private sealed record SinglePhase(int Calls, int Errors, TimeSpan Elapsed, TimeSpan? ServerCpu)
    {
        public static SinglePhase Combine(SinglePhase first, SinglePhase second) =>
            new(first.Calls + second.Calls, first.Errors + second.Errors, first.Elapsed + second.Elapsed, first.ServerCpu + second.ServerCpu);
    }

    private sealed record PageRead(IReadOnlyList<long> Ids, string? Continuation, TimeSpan Elapsed, string? Error)
    {
        public void ThrowIfFailed()
        {
            if (Error is not null)
            {
                throw new SetupException($"Warm-up read failed: {Error}");
            }
        }
    }

    private sealed record ReadPhase(double[] DeepPageMs, int Contacts, int Requests, TimeSpan Walk, IReadOnlyList<string> Errors)
    {
        public double DeepPageMedianMs => DeepPageMs.Length == 0 ? 0 : DeepPageMs[DeepPageMs.Length / 2];

        public double WalkRowsPerSecond => Contacts / Walk.TotalSeconds;
    }
}
