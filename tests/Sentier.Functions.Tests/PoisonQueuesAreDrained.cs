using Sentier.Core.Storage;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests;

/// <summary>
/// Every poison queue has a reader that takes what lands there, readable or not, so none grows
/// without end and none feeds a <c>-poison-poison</c> queue. A message the reader failed would stay
/// in the queue, invisible, until its retries ran out.
/// </summary>
public sealed class PoisonQueuesAreDrained : IClassFixture<PoisonQueuesAreDrained.PoisonReadingDevHostFixture>
{
    /// <summary>A DevHost with only the poison readers on: no other function of its can put anything on these queues.</summary>
    public sealed class PoisonReadingDevHostFixture : DevHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            [DevHostServer.DisabledSetting(DevHostServer.DeliverPoisonFunction)] = "false",
            [DevHostServer.DisabledSetting(DevHostServer.DispatchPoisonFunction)] = "false",
            [DevHostServer.DisabledSetting(DevHostServer.FacebookSyncPoisonFunction)] = "false",
        };
    }

    [Theory]
    [InlineData(StorageNames.OutboxNudgesPoisonQueue, "0123456789abcdef0123456789abcdef")]
    [InlineData(StorageNames.OutboxNudgesPoisonQueue, "not an account")]
    [InlineData(StorageNames.FacebookSyncPoisonQueue, """{"account_id":"0123456789abcdef0123456789abcdef","form_id":"1234567890"}""")]
    [InlineData(StorageNames.FacebookSyncPoisonQueue, "not a sync")]
    [InlineData(StorageNames.WebhookDeliveriesPoisonQueue, """{"accountId":"0123456789abcdef0123456789abcdef","webhookId":1,"deliveryId":"d0000000000000000000000000000000000","sequence":1}""")]
    [InlineData(StorageNames.WebhookDeliveriesPoisonQueue, "not a delivery")]
    public async Task APoisonedMessageIsTakenOffItsQueue(string queueName, string body)
    {
        var queue = TestStorage.Queues().GetQueueClient(queueName);
        var poisonOfPoison = TestStorage.Queues().GetQueueClient(queueName + "-poison");
        await queue.CreateIfNotExistsAsync();

        var sent = (await queue.SendMessageAsync(body)).Value;

        await Eventually.TrueAsync(
            async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            $"{queueName} to be empty");
        Assert.False(await poisonOfPoison.ExistsAsync() && (await poisonOfPoison.PeekMessagesAsync(32)).Value.Any(m => m.MessageId == sent.MessageId));
    }
}
