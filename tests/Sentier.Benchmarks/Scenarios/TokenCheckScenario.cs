using System.Globalization;
using System.Net;
using System.Text;

namespace Sentier.Benchmarks.Scenarios;

/// <summary>
/// What the token check costs once a token is cached: authenticated GET /api/account against
/// anonymous GET /api/health, same server, same client, same concurrency, alternating rounds.
/// Target: authenticated throughput at least 0.9 × the anonymous one.
/// </summary>
public sealed class TokenCheckScenario : IBenchmarkScenario
{
    private const int Concurrency = 8;
    private const int RoundRequests = 40_000;
    private const double TargetRatio = 0.90;

    // Many alternating rounds rather than a few long ones: on a shared machine the noise comes in
    // bursts, and spreading both kinds over the same stretch of time exposes them to it alike.
    private const int Rounds = 15;

    // Long enough for tiered JIT to reach its optimised code: after 2,000 requests the first
    // rounds still cost the server about twice the CPU per request of the later ones.
    private static readonly TimeSpan WarmUpPerKind = TimeSpan.FromSeconds(3);

    public string Name => "token-check";

    public string Description => "authenticated GET /api/account (cached token lookup) vs anonymous GET /api/health";

    public async Task<bool> RunAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        using var client = LoadGenerator.CreateClient(Concurrency);
        await using var devHost = await DevHostProcess.StartAsync(storageConnectionString, client, cancellationToken);
        var authorization = "Bearer " + await devHost.CreateAccountAsync(client, "token-check benchmark", cancellationToken);

        var healthUri = new Uri(devHost.ApiBase, "health");
        var accountUri = new Uri(devHost.ApiBase, "account");
        var anonymous = new Workload("anonymous GET /api/health", () => new HttpRequestMessage(HttpMethod.Get, healthUri));
        var authenticated = new Workload("token GET /api/account", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, accountUri);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return request;
        });
        Workload[] workloads = [anonymous, authenticated];

        Console.WriteLine($"DevHost: separate process on {devHost.ApiBase}; concurrency {Concurrency}; " +
            $"warm-up {WarmUpPerKind.TotalSeconds:0} s per kind, then {Rounds} alternating rounds of {RoundRequests:N0} requests");
        foreach (var workload in workloads)
        {
            // The first authenticated request also fills the token cache.
            Console.WriteLine($"  {workload.Kind}: {await ResponseSizeAsync(client, workload, cancellationToken)} bytes of JSON");
        }

        var load = new LoadGenerator(client, Concurrency);
        var all = new List<LoadResult>();

        // Brings both paths to steady state: JIT tiers, open connections.
        foreach (var workload in workloads)
        {
            all.Add(await MeasureAsync(load, devHost, workload, $"warm-up: {workload.Kind}", LoadLimit.For(WarmUpPerKind), cancellationToken));
        }

        // Alternating rounds spread the machine's background noise over both kinds alike.
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var workload in workloads)
            {
                var result = await MeasureAsync(load, devHost, workload, $"round {round}: {workload.Kind}", LoadLimit.Count(RoundRequests), cancellationToken);
                workload.Rounds.Add(result);
                all.Add(result);
            }
        }

        Console.WriteLine();
        LoadResult.PrintTable(all);
        return Report(all, anonymous, authenticated);
    }

    /// <returns>Whether the target was met without errors.</returns>
    private static bool Report(List<LoadResult> all, Workload anonymous, Workload authenticated)
    {
        var medianAnonymous = anonymous.MedianRound();
        var medianAuthenticated = authenticated.MedianRound();
        Console.WriteLine();
        Console.WriteLine("median round per kind:");
        LoadResult.PrintTable([medianAnonymous, medianAuthenticated]);

        foreach (var failed in all.Where(r => r.Errors > 0))
        {
            Console.WriteLine($"ERRORS in {failed.Name}: {failed.Errors}, first: {failed.FirstError}");
        }

        var roundRatios = authenticated.Rounds.Zip(anonymous.Rounds, (a, h) => (a.RequestsPerSecond / h.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture));
        Console.WriteLine($"authenticated/anonymous req/s per round: {string.Join(" ", roundRatios)}");

        // CPU per request leaves out the time spent waiting for a core, so it suffers less than
        // throughput when other work shares the machine (thread-pool spinning still varies).
        PrintCpuPerRequest("server", anonymous, authenticated, r => r.ServerCpu!.Value);
        PrintCpuPerRequest("client", anonymous, authenticated, r => r.ClientCpu);

        // The gate uses each kind's throughput over all its rounds (requests ÷ time): single rounds
        // swing by ±15% here, and a median picked per kind independently inherits that swing.
        var (anonymousRate, authenticatedRate) = (anonymous.OverallRequestsPerSecond(), authenticated.OverallRequestsPerSecond());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput over all rounds: anonymous {anonymousRate:N0} req/s, authenticated {authenticatedRate:N0} req/s"));
        var ratio = authenticatedRate / anonymousRate;
        var met = ratio >= TargetRatio && all.All(r => r.Errors == 0);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio authenticated/anonymous = {ratio:0.00} (target ≥ {TargetRatio:0.00}): {(met ? "PASS" : "FAIL")}"));
        return met;
    }

    private static void PrintCpuPerRequest(string side, Workload anonymous, Workload authenticated, Func<LoadResult, TimeSpan> cpuOf)
    {
        var (anonymousCpu, authenticatedCpu) = (anonymous.CpuPerRequest(cpuOf), authenticated.CpuPerRequest(cpuOf));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{side} CPU per request, all rounds: anonymous {anonymousCpu:0.0} µs, authenticated {authenticatedCpu:0.0} µs (×{authenticatedCpu / anonymousCpu:0.00})"));
    }

    private static async Task<LoadResult> MeasureAsync(
        LoadGenerator load, DevHostProcess devHost, Workload workload, string label, LoadLimit limit, CancellationToken cancellationToken)
    {
        var cpuBefore = devHost.CpuTime;
        var result = await load.RunAsync(label, workload.CreateRequest, limit, cancellationToken);
        return result with { ServerCpu = devHost.CpuTime - cpuBefore };
    }

    /// <summary>One request outside the measurement: checks that it succeeds, returns the body size.</summary>
    private static async Task<int> ResponseSizeAsync(HttpClient client, Workload workload, CancellationToken cancellationToken)
    {
        using var request = workload.CreateRequest();
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new SetupException($"{workload.Kind} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        return body.Length;
    }

    private sealed class Workload(string kind, Func<HttpRequestMessage> createRequest)
    {
        public string Kind => kind;

        public Func<HttpRequestMessage> CreateRequest => createRequest;

        public List<LoadResult> Rounds { get; } = [];

        /// <summary>The round with the median throughput, all its figures together.</summary>
        public LoadResult MedianRound() => Rounds.OrderBy(r => r.RequestsPerSecond).ElementAt(Rounds.Count / 2) with { Name = Kind };

        public double OverallRequestsPerSecond() =>
            Rounds.Sum(r => r.Requests) / Rounds.Sum(r => r.Elapsed.TotalSeconds);

        public double CpuPerRequest(Func<LoadResult, TimeSpan> cpuOf) =>
            Rounds.Sum(r => cpuOf(r).TotalMicroseconds) / Rounds.Sum(r => r.Requests);
    }
}
