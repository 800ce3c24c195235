using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// A lookup that read storage before a change (Forget) must not cache what it read: the next
/// request after it reads storage again. The lookup's last read (the account) is held by the test
/// after storage answered it until the Forget has happened, so the interleaving is fixed, not timed.
/// </summary>
public sealed class ForgetDuringALookupKeepsItsResultUncached
{
    [Fact]
    public async Task ALookupAnsweredBeforeAForgetIsNotCached()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        var hash = ApiToken.Hash(token);
        var pointer = StorageTraffic.TokenPointerPath(hash);
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables);

        var held = traffic.HoldNext(RequestMethod.Get, StorageTraffic.AccountRowPath(account.Id), afterAnswer: true);
        var lookup = authenticator.AuthenticateAsync(token, null, CancellationToken.None);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        authenticator.Forget(hash);
        held.Release();

        // The request in flight still gets its answer…
        Assert.Equal(app.Id, (await lookup).App.Id);

        // …but it was not kept: the app, now gone from storage, is looked up again and refused.
        Assert.True(await h.Apps.DeleteAsync(app, keeper: null, CancellationToken.None));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => authenticator.AuthenticateAsync(token, null, CancellationToken.None));
        Assert.Equal(2, traffic.Answered(RequestMethod.Get, pointer));
    }

    [Fact]
    public async Task ARequestAfterARevokeDoesNotJoinALookupThatStartedBeforeIt()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables);
        var apps = new ApiAppService(h.Apps, authenticator, h.Time);

        var held = traffic.HoldNext(RequestMethod.Get, StorageTraffic.AccountRowPath(account.Id), afterAnswer: true);
        var before = authenticator.AuthenticateAsync(token, null, CancellationToken.None);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await apps.RevokeAsync(await h.NewManagerAsync(account.Id), app.Id, CancellationToken.None);
        var after = authenticator.AuthenticateAsync(token, null, CancellationToken.None);
        held.Release();

        // The request that started before the revoke may finish with what it read; the one after may not.
        Assert.Equal(app.Id, (await before).App.Id);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => after);
    }

    [Fact]
    public async Task WithoutAForgetTheSameHeldLookupIsCached()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        var pointer = StorageTraffic.TokenPointerPath(ApiToken.Hash(token));
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables);

        var held = traffic.HoldNext(RequestMethod.Get, StorageTraffic.AccountRowPath(account.Id), afterAnswer: true);
        var lookup = authenticator.AuthenticateAsync(token, null, CancellationToken.None);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        held.Release();
        Assert.Equal(app.Id, (await lookup).App.Id);

        // Deleted behind this instance's back (another instance revoked it): the cache still answers.
        Assert.True(await h.Apps.DeleteAsync(app, keeper: null, CancellationToken.None));
        Assert.Equal(app.Id, (await authenticator.AuthenticateAsync(token, null, CancellationToken.None)).App.Id);
        Assert.Equal(1, traffic.Answered(RequestMethod.Get, pointer));
    }
}
