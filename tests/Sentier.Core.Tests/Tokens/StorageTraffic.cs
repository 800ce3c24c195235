using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Sentier.Testing;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// A pipeline policy on a real table client (the test Azurite, nothing mocked) that records each
/// storage call and the size of its body once its answer has arrived, and can hold one chosen call
/// until the test lets it go, to put an interleaving in a fixed order, or lose the answer of one
/// chosen call so that the client's retry policy sends it again. Not a test class.
/// </summary>
internal sealed class StorageTraffic : HttpPipelinePolicy
{
    /// <summary>Longest a held call waits for <see cref="Hold.Release"/> before it fails.</summary>
    public static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(RequestMethod Method, string Path, long BodyBytes)> _answered = new();
    private readonly ConcurrentQueue<Hold> _holds = new();
    private readonly ConcurrentQueue<Hold> _losses = new();

    private StorageTraffic()
    {
    }

    /// <summary>The storage calls this client made, for counting and holding.</summary>
    public TableServiceClient Tables { get; private set; } = null!;

    public static StorageTraffic Create()
    {
        var traffic = new StorageTraffic();
        var options = new TableClientOptions();
        options.AddPolicy(traffic, HttpPipelinePosition.PerCall);
        options.AddPolicy(new AnswerLoss(traffic), HttpPipelinePosition.PerRetry);
        traffic.Tables = new TableServiceClient(TestStorage.ConnectionString, options);
        return traffic;
    }

    /// <summary>The point read of one token's pointer row: what a token lookup costs first.</summary>
    public static string TokenPointerPath(string tokenHash) => $"/ApiTokens(PartitionKey='{tokenHash}',RowKey='')";

    /// <summary>One account's row: the last read of a token lookup.</summary>
    public static string AccountRowPath(string accountId) => $"/Accounts(PartitionKey='account',RowKey='{accountId}')";

    /// <summary>One app's row in ApiApps.</summary>
    public static string AppRowPath(string accountId, string appId) => $"/ApiApps(PartitionKey='{accountId}',RowKey='{appId}')";

    /// <summary>Answered calls of <paramref name="method"/> whose (unescaped) path ends with <paramref name="pathEnd"/>.</summary>
    public int Answered(RequestMethod method, string pathEnd) =>
        _answered.Count(call => call.Method == method && call.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    /// <summary>The request body sizes of answered calls of <paramref name="method"/> whose path ends with <paramref name="pathEnd"/>, in order.</summary>
    public IReadOnlyList<long> BodyBytes(RequestMethod method, string pathEnd) =>
        _answered.Where(call => call.Method == method && call.Path.EndsWith(pathEnd, StringComparison.Ordinal)).Select(call => call.BodyBytes).ToList();

    /// <summary>
    /// Holds the next call that matches, either before it is sent or after its answer arrived (the
    /// caller then sees the answer only on release).
    /// </summary>
    public Hold HoldNext(RequestMethod method, string pathEnd, bool afterAnswer)
    {
        var hold = new Hold(method, pathEnd, afterAnswer);
        _holds.Enqueue(hold);
        return hold;
    }

    /// <summary>
    /// Lets the next call that matches reach storage and be answered, then fails it as a dropped
    /// connection would: the caller never sees that answer, and the client sends the call again.
    /// </summary>
    public void LoseNextAnswer(RequestMethod method, string pathEnd) => _losses.Enqueue(new Hold(method, pathEnd, afterAnswer: true));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var method = message.Request.Method;
        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        var hold = _holds.FirstOrDefault(h => h.TryClaim(method, path));
        if (hold is { AfterAnswer: false })
        {
            await hold.WaitAsync();
        }

        await ProcessNextAsync(message, pipeline);
        _answered.Enqueue((method, path, await BodyBytesAsync(message.Request)));

        if (hold is { AfterAnswer: true })
        {
            await hold.WaitAsync();
        }
    }

    private static async Task<long> BodyBytesAsync(Request request)
    {
        if (request.Content is null)
        {
            return 0;
        }

        if (request.Content.TryComputeLength(out var length))
        {
            return length;
        }

        using var body = new MemoryStream();
        await request.Content.WriteToAsync(body, CancellationToken.None);
        return body.Length;
    }

    /// <summary>Inside the retry loop, so that a lost answer is retried as a real one would be.</summary>
    private sealed class AnswerLoss(StorageTraffic traffic) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            if (traffic._losses.Any(loss => loss.TryClaim(message.Request.Method, path)))
            {
                throw new IOException("The connection dropped before the answer arrived.");
            }
        }
    }

    public sealed class Hold(RequestMethod method, string pathEnd, bool afterAnswer)
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;

        public bool AfterAnswer { get; } = afterAnswer;

        /// <summary>Completes when the held call is waiting.</summary>
        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        internal bool TryClaim(RequestMethod requestMethod, string path) =>
            requestMethod == method
            && path.EndsWith(pathEnd, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

        internal async Task WaitAsync()
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(HoldTimeout);
        }
    }
}
