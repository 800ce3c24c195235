using Azure.Core;
using Sentier.Core.Tests.Tokens;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>After a rotation both secrets sign, the new one first, for 24 hours; then only the new one.</summary>
public sealed class WebhookSecretRotation
{
    [Fact]
    public async Task BothSecretsSignForADay()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, first) = await harness.CreateAsync();
        var id = WebhookHarness.Id(created.Id);

        var before = harness.Service.SigningSecrets(await harness.GetAsync(created.Id));
        var second = await harness.Service.RotateSecretAsync(harness.AccountId, id, CancellationToken.None);
        var during = harness.Service.SigningSecrets(await harness.GetAsync(created.Id));
        harness.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var lastSecond = harness.Service.SigningSecrets(await harness.GetAsync(created.Id));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var after = harness.Service.SigningSecrets(await harness.GetAsync(created.Id));

        Assert.Equal([first], before);
        Assert.Equal([second, first], during);
        Assert.Equal([second, first], lastSecond);
        Assert.Equal([second], after);
    }

    [Fact]
    public async Task RotatingAgainDropsTheOldestSecret()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, _) = await harness.CreateAsync();
        var id = WebhookHarness.Id(created.Id);

        var second = await harness.Service.RotateSecretAsync(harness.AccountId, id, CancellationToken.None);
        var third = await harness.Service.RotateSecretAsync(harness.AccountId, id, CancellationToken.None);

        Assert.Equal([third, second], harness.Service.SigningSecrets(await harness.GetAsync(created.Id)));
    }

    [Fact]
    public async Task ARotationWhoseAnswerWasLostKeepsTheOldSecret()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, first) = await harness.CreateAsync();
        var traffic = StorageTraffic.Create();
        traffic.LoseNextAnswer(RequestMethod.Put, $"/Webhooks(PartitionKey='{harness.AccountId}',RowKey='{WebhookStore.RowKey(created.Id)}')");
        var instance = harness.AnotherInstance(traffic.Tables);

        var second = await instance.Service.RotateSecretAsync(harness.AccountId, WebhookHarness.Id(created.Id), CancellationToken.None);

        Assert.Equal([second, first], harness.Service.SigningSecrets(await harness.GetAsync(created.Id)));
    }
}
