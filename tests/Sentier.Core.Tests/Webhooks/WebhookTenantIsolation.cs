using Sentier.Core.Common;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Through another account's id, a subscription does not exist, whatever is tried, and its secret stays out of reach.</summary>
public sealed class WebhookTenantIsolation
{
    [Fact]
    public async Task AnotherAccountCannotSeeChangeTestOrDeleteASubscription()
    {
        var a = await WebhookHarness.CreateAsync();
        var b = a.AnotherAccount();
        var (created, _) = await a.CreateAsync(new { name = "Private" });
        var before = await a.SnapshotAsync();
        var id = WebhookHarness.Id(created.Id);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.GetAsync(created.Id));
        Assert.Empty(await b.ListAsync());
        Assert.Empty((await b.Service.ReceiversAsync(b.AccountId, CancellationToken.None))[WebhookEventType.ContactChange]);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.UpdateAsync(created.Id, new { name = "Hijacked" }));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Service.GetSecretAsync(b.AccountId, id, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Service.RotateSecretAsync(b.AccountId, id, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Service.TestAsync(b.AccountId, id, "app-b", CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => b.Service.DeleteAsync(b.AccountId, id, CancellationToken.None));

        Assert.Equal(before, await a.SnapshotAsync());
        Assert.Empty(await b.SnapshotAsync());
    }

    [Fact]
    public async Task EachAccountNumbersItsOwnSubscriptions()
    {
        var a = await WebhookHarness.CreateAsync();
        var b = a.AnotherAccount();

        var (ofA, _) = await a.CreateAsync(new { name = "A" });
        var (ofB, _) = await b.CreateAsync(new { name = "B" });

        Assert.Equal((1L, 1L), (ofA.Id, ofB.Id));
        Assert.Equal("A", (await a.GetAsync(1)).Name);
        Assert.Equal("B", (await b.GetAsync(1)).Name);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task MalformedIdsNameNoSubscription(string id)
    {
        var harness = await WebhookHarness.CreateAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.Service.GetAsync(harness.AccountId, id, CancellationToken.None));
    }
}
