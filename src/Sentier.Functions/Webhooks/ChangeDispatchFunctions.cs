using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Storage;
using Sentier.Core.Webhooks;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// The dispatch side of webhooks: a nudge (sent after each contact transaction commits) dispatches
/// that account's change records at once; the sweep, every 30 seconds, dispatches whatever a lost
/// nudge left behind (and what a poisoned nudge would have hurried). The Functions host runs a
/// timer function on one instance at a time.
/// </summary>
public sealed class ChangeDispatchFunctions(ChangeDispatcher dispatcher, OutboxSweep sweep, PoisonedNudges poisoned)
{
    public const string SweepSchedule = "*/30 * * * * *";

    [Function("Webhooks_Dispatch")]
    public Task Dispatch(
        [QueueTrigger(StorageNames.OutboxNudgesQueue, Connection = StorageClientFactory.AppConnection)] QueueMessage message,
        CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(OutboxNudgeQueue.Read(message.Body), cancellationToken);

    [Function("Webhooks_DispatchPoison")]
    public void DispatchPoison([QueueTrigger(StorageNames.OutboxNudgesPoisonQueue, Connection = StorageClientFactory.AppConnection)] QueueMessage message) =>
        poisoned.Drop(message.Body);

    [Function("Webhooks_Sweep")]
    public Task Sweep([TimerTrigger(SweepSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
