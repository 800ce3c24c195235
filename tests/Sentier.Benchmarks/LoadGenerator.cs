using System.Diagnostics;
using System.Net;

namespace Sentier.Benchmarks;

/// <summary>How long a load run lasts: a fixed number of requests or a fixed time.</summary>
public sealed record LoadLimit
{
    private LoadLimit(int? requests, TimeSpan? duration)
    {
        Requests = requests;
        Duration = duration;
    }

    public int? Requests { get; }

    public TimeSpan? Duration { get; }

    public static LoadLimit Count(int requests) => new(requests, null);

    public static LoadLimit For(TimeSpan duration) => new(null, duration);
}

/// <summary>
/// Closed-loop HTTP load: <c>concurrency</c> workers each send one request at a time, taking the
/// next one from a shared counter, and time each request with a <see cref="Stopwatch"/>. Every
/// response is read to the end and its status checked.
/// </summary>
public sealed class LoadGenerator(HttpClient client, int concurrency)
{
    /// <summary>A client whose connection pool holds one connection per worker, so no worker waits for a connection.</summary>
    public static HttpClient CreateClient(int concurrency) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async Task<LoadResult> RunAsync(
        string name,
        Func<HttpRequestMessage> createRequest,
        LoadLimit limit,
        CancellationToken cancellationToken,
        HttpStatusCode expectedStatus = HttpStatusCode.OK)
    {
        var tickets = new Tickets(limit);
        var clientCpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => WorkAsync(tickets, createRequest, expectedStatus, cancellationToken), cancellationToken))
            .ToArray();
        var tallies = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var clientCpu = Environment.CpuUsage.TotalTime - clientCpuBefore;

        var latencies = tallies.SelectMany(t => t.Latencies).Order().ToArray();
        return new LoadResult(
            name,
            latencies.Length,
            tallies.Sum(t => t.Errors),
            elapsed,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            tallies.Select(t => t.FirstError).FirstOrDefault(e => e is not null),
            clientCpu);
    }

    private async Task<Tally> WorkAsync(
        Tickets tickets, Func<HttpRequestMessage> createRequest, HttpStatusCode expectedStatus, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        while (tickets.TryTake())
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = createRequest();

                // The default completion option buffers the whole body, so the time includes reading it.
                using var response = await client.SendAsync(request, cancellationToken);
                tally.Latencies.Add(Stopwatch.GetElapsedTime(started));
                if (response.StatusCode != expectedStatus)
                {
                    tally.Fail($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }
            catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                tally.Latencies.Add(Stopwatch.GetElapsedTime(started));
                tally.Fail(ex.Message);
            }
        }

        return tally;
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    public static TimeSpan Percentile(TimeSpan[] sorted, double fraction) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private sealed class Tickets(LoadLimit limit)
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _taken;

        public bool TryTake() => limit.Requests is { } count
            ? Interlocked.Increment(ref _taken) <= count
            : Stopwatch.GetElapsedTime(_started) < limit.Duration;
    }

    private sealed class Tally
    {
        public List<TimeSpan> Latencies { get; } = [];

        public int Errors { get; private set; }

        public string? FirstError { get; private set; }

        public void Fail(string error)
        {
            Errors++;
            FirstError ??= error.Length <= 300 ? error : error[..300];
        }
    }
}
