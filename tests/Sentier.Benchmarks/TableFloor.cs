using System.Diagnostics;
using Azure;
using Azure.Data.Tables;

namespace Sentier.Benchmarks;

/// <summary>
/// The storage floor of a write phase: the same number and kind of rows written straight through
/// the Table SDK in 100-entity transactions, with nothing else around them. Each run uses a table
/// of its own, deleted afterwards so it leaves nothing behind to slow the phases after it. Azurite
/// keeps a table in one in-memory collection whose every insert costs more as it grows (into a
/// table already holding 80,000 rows an entity cost its CPU about 35% more than into an empty
/// one), so the table first gets, untimed and in another partition, as many rows as the measured
/// phase's table held when it started.
/// </summary>
public static class TableFloor
{
    /// <summary>Table Storage's limit on operations in one entity-group transaction.</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// <paramref name="count"/> rows in one partition, copied in turn from <paramref name="shapes"/>
    /// (property for property, so each kind of row keeps its size) in the order those were written.
    /// Each pass over the shapes inserts its round number after the key prefix, which keeps keys
    /// unique and each kind's keys together, as the ids of successive imports do.
    /// </summary>
    public static IReadOnlyList<TableEntity> Replicate(IReadOnlyList<TableEntity> shapes, int count, string partitionKey)
    {
        if (shapes.Count == 0)
        {
            throw new SetupException("There are no rows to copy for the storage floor.");
        }

        var ordered = shapes.OrderBy(row => row.Timestamp).ThenBy(row => row.RowKey, StringComparer.Ordinal).ToList();
        var rows = new List<TableEntity>(count);
        for (var i = 0; i < count; i++)
        {
            var shape = ordered[i % ordered.Count];
            var prefix = PartitionCensus.PrefixOf(shape.RowKey);
            var copy = new TableEntity(partitionKey, $"{prefix}{i / ordered.Count:D3}{shape.RowKey[prefix.Length..]}");
            foreach (var (name, value) in shape)
            {
                if (CensusDelta.IsUserProperty(name))
                {
                    copy[name] = value;
                }
            }

            rows.Add(copy);
        }

        return rows;
    }

    /// <summary>Every row of a table, counted by reading only keys.</summary>
    public static async Task<int> CountRowsAsync(TableClient table, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter: (string?)null, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Writes the rows in transactions of <see cref="BatchSize"/>, <paramref name="parallelism"/> in
    /// flight, into a fresh table that already holds <paramref name="ballast"/> copies of them in another partition.
    /// </summary>
    public static async Task<FloorResult> WriteAsync(
        TableServiceClient service, IReadOnlyList<TableEntity> rows, int ballast, int parallelism, ProcessProbe? azurite, CancellationToken cancellationToken)
    {
        var table = service.GetTableClient("BenchFloor" + Guid.NewGuid().ToString("N")[..16]);
        await table.CreateAsync(cancellationToken);
        try
        {
            if (ballast > 0)
            {
                await SubmitAsync(table, Batches(Replicate(rows, ballast, "ballast")), parallelism, cancellationToken);
            }

            var batches = Batches(rows);
            var meter = PhaseMeter.Start(server: null, azurite);
            var latencies = await SubmitAsync(table, batches, parallelism, cancellationToken);
            var figures = meter.Stop();
            Array.Sort(latencies);
            return new FloorResult(rows.Count, batches.Length, parallelism, figures, latencies[latencies.Length / 2], latencies[(int)Math.Ceiling(latencies.Length * 0.99) - 1]);
        }
        catch (RequestFailedException ex)
        {
            throw new SetupException($"Writing the storage floor failed: {ex.Status} {ex.ErrorCode}", ex);
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    private static List<TableTransactionAction>[] Batches(IReadOnlyList<TableEntity> rows) =>
        rows.Chunk(BatchSize)
            .Select(chunk => chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)).ToList())
            .ToArray();

    /// <returns>The time each transaction took, in submission order.</returns>
    private static async Task<TimeSpan[]> SubmitAsync(TableClient table, List<TableTransactionAction>[] batches, int parallelism, CancellationToken cancellationToken)
    {
        var latencies = new TimeSpan[batches.Length];
        var next = -1;
        var workers = Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Length; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await table.SubmitTransactionAsync(batches[i], cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started);
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        return latencies;
    }
}

public sealed record FloorResult(int Entities, int Batches, int Parallelism, PhaseFigures Figures, TimeSpan BatchP50, TimeSpan BatchP99)
{
    public double EntitiesPerSecond => Entities / Figures.Elapsed.TotalSeconds;
}
