using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Sentier.Core.Storage;
using Sentier.Catalog;
using Sentier.DevHost.Hosting;

namespace Sentier.DevHost.Queues;

/// <summary>
/// Runs one queue-triggered function the way the Functions queue extension does: receive up to
/// <c>batchSize</c> messages, run them concurrently, and receive the next batch as soon as no more
/// than <c>newBatchThreshold</c> are still running; delete each on success; on failure make it
/// visible again after <c>visibilityTimeout</c>, and once it has been dequeued
/// <c>maxDequeueCount</c> times move it to <c>&lt;queue&gt;-poison</c>. An empty queue is polled
/// with exponential back-off up to <c>maxPollingInterval</c>.
/// </summary>
public sealed class QueueTriggerListener : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a received message stays hidden while its function runs.</summary>
    private static readonly TimeSpan ProcessingVisibility = TimeSpan.FromMinutes(10);

    private readonly FunctionDefinition _function;
    private readonly QueueTriggerDefinition _trigger;
    private readonly QueueHostOptions _options;
    private readonly FunctionInvoker _invoker;
    private readonly ILogger _logger;
    private readonly QueueClient _queue;
    private readonly QueueClient _poisonQueue;
    private bool _queuesExist;

    public QueueTriggerListener(
        FunctionDefinition function,
        QueueHostOptions options,
        IConfiguration configuration,
        FunctionInvoker invoker,
        ILogger<QueueTriggerListener> logger)
    {
        _function = function;
        _trigger = (QueueTriggerDefinition)function.Trigger;
        _options = options;
        _invoker = invoker;
        _logger = logger;

        var clientOptions = new QueueClientOptions
        {
            MessageEncoding = options.Base64Messages ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        };
        clientOptions.MessageDecodingFailed += OnUndecodableMessageAsync;
        var service = StorageClientFactory.CreateQueueServiceClient(ConnectionSection(configuration, _trigger.Connection), clientOptions);
        _queue = service.GetQueueClient(_trigger.QueueName);
        _poisonQueue = service.GetQueueClient(_trigger.QueueName + "-poison");
    }

    /// <summary>Fails at startup when the function has a parameter other than its message and a CancellationToken.</summary>
    public static void EnsureBindable(FunctionDefinition function)
    {
        var messageParameter = function.Trigger.ParameterName;
        foreach (var parameter in function.Method.GetParameters())
        {
            if (parameter.Name != messageParameter && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new NotSupportedException(
                    $"Function '{function.Name}': the DevHost cannot bind parameter '{parameter.Name}' of a queue function.");
            }
        }
    }

    /// <summary>The Functions host looks for <c>AzureWebJobs&lt;name&gt;</c> first, then <c>&lt;name&gt;</c>.</summary>
    public static IConfigurationSection ConnectionSection(IConfiguration configuration, string connection)
    {
        var prefixed = configuration.GetSection("AzureWebJobs" + connection);
        return prefixed.Exists() ? prefixed : configuration.GetSection(connection);
    }

    /// <summary>
    /// Creates the queue and its poison queue before the host reports started, so a message sent
    /// right after start has a queue to land in. Storage being down delays this, never the start.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _queuesExist = await TryCreateQueuesAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_queuesExist && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(_options.MaxPollingInterval, stoppingToken);
            _queuesExist = await TryCreateQueuesAsync(stoppingToken);
        }

        _logger.LogInformation("Function {Function} listens on queue {Queue}", _function.Name, _trigger.QueueName);
        var delay = MinPollingInterval;
        var running = new HashSet<Task>();
        try
        {
            await ListenAsync(running, delay, stoppingToken);
        }
        finally
        {
            await Task.WhenAll(running);
        }
    }

    private async Task ListenAsync(HashSet<Task> running, TimeSpan delay, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // A slow message holds only its own slot: the next batch comes once enough of this one is done.
            while (running.Count > _options.NewBatchThreshold)
            {
                running.Remove(await Task.WhenAny(running));
            }

            running.RemoveWhere(task => task.IsCompleted);
            QueueMessage[] messages;
            try
            {
                messages = (await _queue.ReceiveMessagesAsync(_options.BatchSize, ProcessingVisibility, stoppingToken)).Value;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Receiving from queue {Queue} failed", _trigger.QueueName);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollingInterval.Ticks));
                continue;
            }

            delay = MinPollingInterval;
            foreach (var message in messages)
            {
                running.Add(ProcessAsync(message, stoppingToken));
            }
        }
    }

    private async Task<bool> TryCreateQueuesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Could not create queue {Queue}; retrying", _trigger.QueueName);
            return false;
        }
    }

    /// <summary>Never throws: a failed storage call must not end the listener.</summary>
    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, "it was dequeued more often than maxDequeueCount");
                return;
            }

            if (await TryInvokeAsync(message, stoppingToken))
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, $"{message.DequeueCount} failed attempts");
            }
            else
            {
                await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _options.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Typically the pop receipt is gone (queue cleared, visibility lapsed); the message, if it
            // still exists, becomes visible again and is handled once more.
            _logger.LogWarning(ex, "Could not complete message {MessageId} on {Queue}", message.MessageId, _queue.Name);
        }
    }

    private async Task<bool> TryInvokeAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await _invoker.InvokeAsync(_function, (parameter, _) => Bind(parameter, message, stoppingToken));
            return true;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Function {Function} failed on message {MessageId} (attempt {Attempt} of {Max})",
                _function.Name, message.MessageId, message.DequeueCount, _options.MaxDequeueCount);
            return false;
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string reason)
    {
        await _poisonQueue.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        _logger.LogWarning("Message {MessageId} moved to {PoisonQueue}: {Reason}", message.MessageId, _poisonQueue.Name, reason);
    }

    /// <summary>A message that cannot be decoded can never succeed: poison it at once, as the host does.</summary>
    private async Task OnUndecodableMessageAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is { } message)
        {
            await MoveToPoisonAsync(message, "it is not Base64");
        }
    }

    private object? Bind(ParameterInfo parameter, QueueMessage message, CancellationToken stoppingToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return stoppingToken;
        }

        if (type == typeof(string))
        {
            return message.Body.ToString();
        }

        if (type == typeof(BinaryData))
        {
            return message.Body;
        }

        if (type == typeof(byte[]))
        {
            return message.Body.ToArray();
        }

        if (type == typeof(QueueMessage))
        {
            return message;
        }

        // POCOs are JSON, read as the worker's default serializer reads them.
        return JsonSerializer.Deserialize(message.Body, type, JsonSerializerOptions.Web);
    }
}
