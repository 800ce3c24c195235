using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace Sentier.DevHost.Tests.Samples;

/// <summary>
/// Queue-triggered samples. Each reads its queue name from an app setting, so every test gets
/// queues of its own (<see cref="SampleHost"/>), and records what it received keyed by the
/// message body, which tests make unique.
/// </summary>
public sealed class SampleQueueFunctions
{
    public const string RecordName = "SampleQueue_Record";
    public const string AlwaysFailsName = "SampleQueue_AlwaysFails";
    public const string FailsTwiceName = "SampleQueue_FailsTwice";
    public const string PocoName = "SampleQueue_Poco";
    public const string BatchName = "SampleQueue_Batch";
    public const string GatedName = "SampleQueue_Gated";

    public const string RecordQueueSetting = "SampleQueue";
    public const string FailingQueueSetting = "SampleFailingQueue";
    public const string FlakyQueueSetting = "SampleFlakyQueue";
    public const string PocoQueueSetting = "SamplePocoQueue";
    public const string BatchQueueSetting = "SampleBatchQueue";
    public const string GatedQueueSetting = "SampleGatedQueue";

    /// <summary>How long each batch sample invocation stays in flight, so concurrent ones overlap.</summary>
    public static readonly TimeSpan BatchWork = TimeSpan.FromMilliseconds(400);

    public static InvocationLog Received { get; } = new();

    public static InvocationLog Failing { get; } = new();

    public static InvocationLog Flaky { get; } = new();

    public static ConcurrentDictionary<string, SampleOrder> Orders { get; } = new(StringComparer.Ordinal);

    public static ConcurrentDictionary<string, ConcurrencyProbe> Batches { get; } = new(StringComparer.Ordinal);

    public static InvocationLog Gated { get; } = new();

    /// <summary>Gates by message body: a message with a gate waits in its function until the test opens it.</summary>
    public static ConcurrentDictionary<string, SampleGate> Gates { get; } = new(StringComparer.Ordinal);

    [Function(RecordName)]
    public static void Record([QueueTrigger("%" + RecordQueueSetting + "%", Connection = "AppStorage")] string message) =>
        Received.Record(message);

    [Function(AlwaysFailsName)]
    public static void AlwaysFails([QueueTrigger("%" + FailingQueueSetting + "%")] string message)
    {
        Failing.Record(message);
        throw new InvalidOperationException("This sample always fails.");
    }

    [Function(FailsTwiceName)]
    public static void FailsTwice([QueueTrigger("%" + FlakyQueueSetting + "%")] string message)
    {
        if (Flaky.Record(message) < 3)
        {
            throw new InvalidOperationException("This sample fails on its first two attempts.");
        }
    }

    [Function(PocoName)]
    public static void Poco([QueueTrigger("%" + PocoQueueSetting + "%")] SampleOrder order) =>
        Orders[order.Reference] = order;

    /// <summary>Messages are <c>{run}|{n}</c>; the probe of the run counts overlapping invocations.</summary>
    [Function(BatchName)]
    public static async Task Batch([QueueTrigger("%" + BatchQueueSetting + "%")] string message, CancellationToken cancellationToken)
    {
        var probe = Batches.GetOrAdd(message.Split('|')[0], _ => new ConcurrencyProbe());
        probe.Enter();
        try
        {
            await Task.Delay(BatchWork, cancellationToken);
        }
        finally
        {
            probe.Exit();
        }
    }

    /// <summary>Records the message; when a gate is registered for it, holds the invocation until the gate opens.</summary>
    [Function(GatedName)]
    public static async Task Gate([QueueTrigger("%" + GatedQueueSetting + "%")] string message, CancellationToken cancellationToken)
    {
        Gated.Record(message);
        if (Gates.TryGetValue(message, out var gate))
        {
            await gate.PassAsync(cancellationToken);
        }
    }
}

/// <summary>Holds a function invocation until the test opens it; never longer than <see cref="Timeout"/>.</summary>
public sealed class SampleGate
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when an invocation is waiting at the gate.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _opened.TrySetResult();

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _opened.Task.WaitAsync(Timeout, cancellationToken);
    }
}

public sealed record SampleOrder(string Reference, int Quantity, IReadOnlyList<string> Tags, DateTimeOffset PlacedAt);

/// <summary>Counts invocations in flight and remembers the most seen at once.</summary>
public sealed class ConcurrencyProbe
{
    private readonly Lock _lock = new();
    private int _current;

    public int MaxConcurrent { get; private set; }

    public int Completed { get; private set; }

    public void Enter()
    {
        lock (_lock)
        {
            _current++;
            MaxConcurrent = Math.Max(MaxConcurrent, _current);
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            _current--;
            Completed++;
        }
    }
}
