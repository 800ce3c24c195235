using Azure.Core;
using Sentier.Core.Tests.Tokens;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// Nudges for one account that arrive together on one instance share passes: one runs, one waits
/// behind it and every other joins the waiting one, so a burst of writes costs two reads of the
/// account's records, not one per write, and still dispatches every record.
/// </summary>
public sealed class ConcurrentNudgesShareAPass
{
    [Fact]
    public async Task ABurstOfNudgesReadsTheRecordsTwice()
    {
        var traffic = StorageTraffic.Create();
        var h = await DispatchHarness.CreateAsync();
        var dispatcher = h.NewDispatcher(traffic.Tables);
        var (subscription, _) = await h.SubscribeAsync(LoopbackReceiver.ClosedUrl(), "contact_created");
        for (var i = 0; i < 3; i++)
        {
            await h.Contacts.UpsertAsync($$"""{"email":"c{{i}}@example.com"}""");
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => dispatcher.DispatchAsync(h.AccountId, CancellationToken.None)));

        Assert.Equal(2, traffic.Answered(RequestMethod.Get, "/Contacts()"));
        Assert.Equal(3, (await h.DeliveriesOfAsync(subscription)).Count);
        Assert.Empty(await h.RecordsAsync());
    }
}
