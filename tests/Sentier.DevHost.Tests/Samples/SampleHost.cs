using Azure.Storage.Queues;
using Sentier.Testing;

namespace Sentier.DevHost.Tests.Samples;

/// <summary>
/// The real DevHost serving Sentier.Functions plus this assembly's samples, with queues and a run
/// id of its own and the host.json the test asks for. Disposing stops it and deletes its queues.
/// </summary>
public sealed class SampleHost : IAsyncDisposable
{
    /// <summary>Fast retries and polling so queue tests finish in seconds.</summary>
    public const string FastQueuesHostJson = """
        {
          "version": "2.0",
          "extensions": {
            "queues": {
              "batchSize": 4,
              "newBatchThreshold": 2,
              "maxDequeueCount": 3,
              "visibilityTimeout": "00:00:00",
              "maxPollingInterval": "00:00:00.200",
              "messageEncoding": "base64"
            }
          }
        }
        """;

    private readonly string _hostJsonPath;
    private DevHostServer? _server;

    private SampleHost(string hostJson)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        RunId = id;
        RecordQueue = $"dh{id}-record";
        FailingQueue = $"dh{id}-failing";
        FlakyQueue = $"dh{id}-flaky";
        PocoQueue = $"dh{id}-poco";
        BatchQueue = $"dh{id}-batch";
        GatedQueue = $"dh{id}-gated";
        (StartupSchedule, StartupNext) = SampleTimerFunctions.FarYearlySchedule(DateTime.UtcNow);
        _hostJsonPath = Path.Combine(Path.GetTempPath(), $"sentier-devhost-test-{id}.host.json");
        File.WriteAllText(_hostJsonPath, hostJson);
    }

    public string RunId { get; }

    public string RecordQueue { get; }

    public string FailingQueue { get; }

    public string FlakyQueue { get; }

    public string PocoQueue { get; }

    public string BatchQueue { get; }

    public string GatedQueue { get; }

    /// <summary>Every queue a sample listens on (each also has its -poison queue); their names start with <see cref="QueuePrefix"/>.</summary>
    public IReadOnlyList<string> TriggerQueues => [RecordQueue, FailingQueue, FlakyQueue, PocoQueue, BatchQueue, GatedQueue];

    public string QueuePrefix => $"dh{RunId}";

    /// <summary>The startup sample's yearly schedule, months away: beyond what one Task.Delay can wait.</summary>
    public string StartupSchedule { get; }

    /// <summary>The next occurrence of <see cref="StartupSchedule"/>, as the startup run is told it.</summary>
    public DateTime StartupNext { get; }

    public DevHostServer Server => _server ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Base64, as the DevHost reads by default and the Functions host expects.</summary>
    public static QueueServiceClient Queues { get; } = TestStorage.Queues();

    /// <summary>The app settings every sample needs, unique to this host.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [SampleQueueFunctions.RecordQueueSetting] = RecordQueue,
        [SampleQueueFunctions.FailingQueueSetting] = FailingQueue,
        [SampleQueueFunctions.FlakyQueueSetting] = FlakyQueue,
        [SampleQueueFunctions.PocoQueueSetting] = PocoQueue,
        [SampleQueueFunctions.BatchQueueSetting] = BatchQueue,
        [SampleQueueFunctions.GatedQueueSetting] = GatedQueue,
        [SampleTimerFunctions.StartupScheduleSetting] = StartupSchedule,
        [SampleTimerFunctions.RunIdSetting] = RunId,
    };

    /// <summary>Prepares names and host.json; queues can be filled before <see cref="StartAsync"/>.</summary>
    public static SampleHost Create(string hostJson = FastQueuesHostJson) => new(hostJson);

    public static async Task<SampleHost> StartAsync(string hostJson = FastQueuesHostJson)
    {
        var host = Create(hostJson);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync() =>
        _server = await DevHostServer.StartAsync(Settings, _hostJsonPath, typeof(SampleFunctions).Assembly);

    public static QueueClient Queue(string name) => Queues.GetQueueClient(name);

    public static QueueClient Poison(string name) => Queues.GetQueueClient(name + "-poison");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        foreach (var queue in TriggerQueues)
        {
            await Queue(queue).DeleteIfExistsAsync();
            await Poison(queue).DeleteIfExistsAsync();
        }

        File.Delete(_hostJsonPath);
    }
}

/// <summary>Tests that start a <see cref="SampleHost"/> share the static sample logs and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SampleHostCollection
{
    public const string Name = "DevHost with samples";
}
