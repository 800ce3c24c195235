using Azure.Core;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// A Forget keeps only lookups of its own token from caching: one tenant editing its apps in a
/// loop must not keep every other tenant's (or its other apps') lookups uncached on the instance.
/// As in <see cref="ForgetDuringALookupKeepsItsResultUncached"/>, the other lookup is held in flight
/// while the edit happens, so the interleaving is fixed, not timed.
/// </summary>
public sealed class ForgetsStayWithTheirToken
{
    [Fact]
    public async Task OneAccountsEditsLeaveAnothersLookupsCached()
    {
        using var h = await TokenHarness.CreateAsync();
        var accountA = await h.NewAccountAsync("A");
        var accountB = await h.NewAccountAsync("B");
        var (appOfA, _) = await h.NewAppAsync(accountA.Id);
        var managerOfA = await h.NewManagerAsync(accountA.Id);
        var (appOfB, tokenOfB) = await h.NewAppAsync(accountB.Id);
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables);
        var apps = new ApiAppService(h.Apps, authenticator, h.Time);

        var held = traffic.HoldNext(RequestMethod.Get, StorageTraffic.AccountRowPath(accountB.Id), afterAnswer: true);
        var lookupOfB = authenticator.AuthenticateAsync(tokenOfB, null, CancellationToken.None);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        for (var edit = 0; edit < 3; edit++)
        {
            await apps.UpdateAsync(managerOfA, appOfA.Id, TokenHarness.Json($$"""{"description":"edit {{edit}}"}"""), CancellationToken.None);
        }

        held.Release();
        Assert.Equal(appOfB.Id, (await lookupOfB).App.Id);

        // B's lookup was kept: B is answered from this instance's cache from now on.
        for (var request = 0; request < 3; request++)
        {
            await authenticator.AuthenticateAsync(tokenOfB, null, CancellationToken.None);
        }

        Assert.Equal(1, traffic.Answered(RequestMethod.Get, StorageTraffic.TokenPointerPath(ApiToken.Hash(tokenOfB))));
    }

    [Fact]
    public async Task ForgettingOneAppLeavesTheSameAccountsOtherAppCached()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (_, editedToken) = await h.NewAppAsync(account.Id);
        var (other, otherToken) = await h.NewAppAsync(account.Id);
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables);

        var held = traffic.HoldNext(RequestMethod.Get, StorageTraffic.AccountRowPath(account.Id), afterAnswer: true);
        var lookup = authenticator.AuthenticateAsync(otherToken, null, CancellationToken.None);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        authenticator.Forget(ApiToken.Hash(editedToken));
        held.Release();
        Assert.Equal(other.Id, (await lookup).App.Id);

        await authenticator.AuthenticateAsync(otherToken, null, CancellationToken.None);

        Assert.Equal(1, traffic.Answered(RequestMethod.Get, StorageTraffic.TokenPointerPath(ApiToken.Hash(otherToken))));
    }
}
