using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Everything the delivery step logs — attempts that fail, retries, duplicates, deferrals, the
/// 410 that disables — names ids, never the signing secret or its key bytes.
/// </summary>
public sealed class DeliveryLogsNeverHoldTheSecret
{
    [Fact]
    public async Task NoLogLineHoldsTheSecret()
    {
        var calls = 0;
        await using var receiver = await LoopbackReceiver.StartAsync(async context =>
        {
            var call = Interlocked.Increment(ref calls);
            await Task.Delay(call <= 3 ? 200 : 0);
            context.Response.StatusCode = call switch { <= 3 => 500, 4 => 200, _ => 410 };
        });
        var log = new RecordingLogger();
        var harness = await DeliveryHarness.CreateAsync(options: new WebhookOptions { MaxConcurrentAttemptsPerWebhook = 1 }, logger: log);
        var (subscription, secret) = await harness.SubscribeAsync(receiver.Url);
        await harness.EnqueueAsync(subscription);
        await harness.EnqueueAsync(subscription);
        var taken = new[] { (await harness.TakeAsync())!.Value, (await harness.TakeAsync())!.Value };

        await Task.WhenAll(taken.Select(next => harness.Step.ProcessAsync(next.Message, next.Raw.InsertedOn, CancellationToken.None)));
        await harness.Step.ProcessAsync(taken[0].Message, taken[0].Raw.InsertedOn, CancellationToken.None);
        await Eventually.TrueAsync(async () => await harness.RunUntilIdleAsync() == 0 && await harness.VisibleMessagesAsync() == 0 && calls >= 5, "every attempt");
        await harness.EnqueueAsync(subscription);
        await harness.RunUntilIdleAsync();

        var key = secret.Split('_', 2)[1];
        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines, line =>
        {
            Assert.DoesNotContain(key, line, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(key)), line, StringComparison.OrdinalIgnoreCase);
        });
    }

    private sealed class RecordingLogger : ILogger<WebhookDeliveryStep>
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception) + " " + exception + " " + string.Join(' ', (state as IEnumerable<KeyValuePair<string, object?>>)?.Select(p => $"{p.Key}={p.Value}") ?? []));
    }
}
